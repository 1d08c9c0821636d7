using System.Security.Cryptography;
using System.Text;

namespace OrleansCompute.Volumes;

/// <summary>
/// One volume mapping of a server create: an existing volume, or a volume the create makes (from an image, a
/// snapshot, or blank). The ids of a made volume and of every attachment derive from the server id and the
/// mapping's position, so a repeated or resumed create step finds the same volume and attachment again.
/// </summary>
[GenerateSerializer, Immutable, Alias("compute.BootVolume")]
public sealed record BootVolume
{
    [Id(0)] public required int Position { get; init; }
    [Id(1)] public Guid? ExistingVolumeId { get; init; }
    [Id(2)] public CreateVolumeCommand? Create { get; init; }
    [Id(3)] public required string Device { get; init; }
    [Id(4)] public string? Tag { get; init; }
    [Id(5)] public bool DeleteOnTermination { get; init; }

    public Guid VolumeIdFor(Guid serverId) => ExistingVolumeId ?? Derive(serverId, "volume");

    public Guid AttachmentIdFor(Guid serverId) => Derive(serverId, "attachment");

    /// <summary>The server's side of this mapping before its attach completes.</summary>
    public ServerVolume IntentFor(Guid serverId) => new()
    {
        VolumeId = VolumeIdFor(serverId),
        AttachmentId = AttachmentIdFor(serverId),
        Device = Device,
        Tag = Tag,
        DeleteOnTermination = DeleteOnTermination,
        State = ServerVolume.Attaching,
    };

    private Guid Derive(Guid serverId, string kind)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{serverId:D}/{kind}/{Position}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
