using OrleansCompute.Faults;
using OrleansCompute.Identity;

namespace OrleansCompute.Images;

/// <summary>The owner's changes: the JSON patch, tags and members, each checked and saved once.</summary>
internal sealed partial class ImageGrain
{
    public async Task<SnapshotImage> UpdateAsync(CallerContext caller, IReadOnlyList<ImagePatchOperation> operations)
    {
        var image = Writable(caller);
        var patched = operations.Aggregate(image, (current, operation) => ImagePatch.Apply(current, operation, caller));
        EnsureLimits(patched);
        if (!ReferenceEquals(patched, image))
        {
            patched = patched with { Updated = clock.UtcNow };
            await CommitAsync(patched);
        }

        return patched;
    }

    public async Task AddTagAsync(CallerContext caller, string tag)
    {
        var image = Writable(caller);
        if (image.Tags.Contains(tag, StringComparer.Ordinal))
        {
            return;
        }

        EnsureTagLimit(image.Tags.Count + 1);
        await CommitAsync(image with { Tags = [.. image.Tags, tag], Updated = clock.UtcNow });
    }

    public async Task RemoveTagAsync(CallerContext caller, string tag)
    {
        var image = Writable(caller);
        if (!image.Tags.Contains(tag, StringComparer.Ordinal))
        {
            throw ComputeFaultException.NotFound($"Tag {tag} not found.");
        }

        await CommitAsync(image with { Tags = [.. image.Tags.Where(t => !string.Equals(t, tag, StringComparison.Ordinal))], Updated = clock.UtcNow });
    }

    public async Task<ImageMember> AddMemberAsync(CallerContext caller, string projectId)
    {
        var image = Writable(caller);
        EnsureShared(image);
        if (image.MemberOf(projectId) is not null)
        {
            throw ComputeFaultException.Conflict($"Member {projectId} already associated with image {image.Id}.");
        }

        if (image.Members.Count >= Limits.MaxMembers)
        {
            throw new ComputeFaultException(413, $"Maximum number of image members exceeded ({Limits.MaxMembers}).");
        }

        var now = clock.UtcNow;
        var member = new ImageMember { ProjectId = projectId, Status = ImageMember.Pending, Created = now, Updated = now };
        await CommitAsync(image with { Members = [.. image.Members, member] });
        return member;
    }

    public async Task<ImageMember> UpdateMemberAsync(CallerContext caller, string projectId, string status)
    {
        var image = Readable(caller);
        var member = image.MemberOf(projectId) ?? throw MemberNotFound(image, projectId);
        // Only the member itself (or an admin) answers an invitation; the owner may not answer for it.
        if (!caller.IsAdmin && !string.Equals(caller.ProjectId, projectId, StringComparison.Ordinal))
        {
            throw ComputeFaultException.Forbidden("You are not permitted to modify 'status' on this image member.");
        }

        var updated = member with { Status = status, Updated = clock.UtcNow };
        await CommitAsync(image with { Members = [.. image.Members.Select(m => ReferenceEquals(m, member) ? updated : m)] });
        return updated;
    }

    public async Task RemoveMemberAsync(CallerContext caller, string projectId)
    {
        var image = Writable(caller);
        var member = image.MemberOf(projectId) ?? throw MemberNotFound(image, projectId);
        await CommitAsync(image with { Members = [.. image.Members.Where(m => !ReferenceEquals(m, member))] });
    }

    private static void EnsureShared(SnapshotImage image)
    {
        if (image.Visibility != ImageVisibility.Shared)
        {
            throw ComputeFaultException.Forbidden($"Only shared images have members.");
        }
    }

    private void EnsureLimits(SnapshotImage image)
    {
        if (image.Metadata.Count > Limits.MaxProperties)
        {
            throw new ComputeFaultException(413, $"Maximum number of properties exceeded ({Limits.MaxProperties}).");
        }

        EnsureTagLimit(image.Tags.Count);
    }

    private void EnsureTagLimit(int count)
    {
        if (count > Limits.MaxTags)
        {
            throw new ComputeFaultException(413, $"Maximum number of tags exceeded ({Limits.MaxTags}).");
        }
    }

    private static ComputeFaultException MemberNotFound(SnapshotImage image, string projectId) =>
        ComputeFaultException.NotFound($"{projectId} is not a member of image {image.Id}");
}
