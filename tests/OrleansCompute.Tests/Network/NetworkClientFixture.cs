using OrleansCompute.Tests.Identity;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Network;

/// <summary>
/// A host of its own in the product's default mode (built-in identity, clouds.yaml) for the real-client network
/// tests: they create networks in project demo, which would make <c>networks: auto</c> ambiguous on a shared host.
/// </summary>
public sealed class NetworkClientFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _home = new();

    public HostProcess Host { get; private set; } = null!;

    public OpenStackCli Cli { get; private set; } = null!;

    public string CloudsYaml => Path.Combine(_data.Path, "clouds.yaml");

    public string HomeDirectory => _home.Path;

    public async Task InitializeAsync()
    {
        Host = new HostProcess(
            _data.Path, HostProcess.IdentityMode, "--Compute:FakeDriver:SpawnSeconds=0.2", "--Compute:FakeDriver:DefaultSeconds=0.05",
            "--Compute:Quota:Instances=-1", "--Compute:Quota:Cores=-1", "--Compute:Quota:Ram=-1");
        await Host.StartAsync();
        await Eventually.Until(() => Task.FromResult(File.Exists(CloudsYaml)), exists => exists, because: "the host writes clouds.yaml once it listens");
        Cli = new OpenStackCli(CloudsYaml, $"{Host.BaseAddress}identity/v3", _home.Path);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
        _home.Dispose();
    }
}
