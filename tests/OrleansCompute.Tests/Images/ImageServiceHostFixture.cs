using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Images;

/// <summary>
/// One real host for the image service tests: noauth tokens (<c>user:project</c>; user admin is admin), a 48 MiB
/// <c>image_size_cap</c> (above Kestrel's 30 MB default body limit, so a passing upload proves the limit is ours),
/// a fast driver, and shelved servers offloaded at once.
/// </summary>
public sealed class ImageServiceHostFixture : IAsyncLifetime
{
    public const long SizeCap = 48L * 1024 * 1024;

    private readonly TempDirectory _directory = new();

    public HostProcess Host { get; private set; } = null!;

    public NovaClient Demo { get; private set; } = null!;

    public NovaClient Alt { get; private set; } = null!;

    public NovaClient Admin { get; private set; } = null!;

    public string DataDirectory => _directory.Path;

    public async Task InitializeAsync()
    {
        Host = new HostProcess(
            _directory.Path,
            $"--Compute:Images:ImageSizeCap={SizeCap}",
            "--Compute:FakeDriver:SpawnSeconds=0.05",
            "--Compute:FakeDriver:DefaultSeconds=0.05",
            "--Compute:ShelvedOffloadTime=0",
            "--Compute:Quota:Instances=-1", "--Compute:Quota:Cores=-1", "--Compute:Quota:Ram=-1");
        await Host.StartAsync();
        Demo = NovaClient.For(Host, "demo:demo");
        Alt = NovaClient.For(Host, "alt:alt");
        Admin = NovaClient.For(Host, "admin:admin");
    }

    public async Task DisposeAsync()
    {
        Demo.Dispose();
        Alt.Dispose();
        Admin.Dispose();
        await Host.DisposeAsync();
        _directory.Dispose();
    }
}
