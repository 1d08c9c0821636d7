using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Identity;

/// <summary>
/// The <c>keystone</c> mode host of <see cref="KeystoneModeTests"/>, started once for the class on first use (it needs
/// the identity collection's fixture, which a class fixture cannot take): the tests there use their own tokens
/// and their own servers, so a host per test only cost start-ups.
/// </summary>
public sealed class KeystoneModeHost : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly SemaphoreSlim _starting = new(1, 1);
    private HostProcess? _host;

    /// <summary>The host validating tokens against <paramref name="identity"/>'s service, started on the first call.</summary>
    public async Task<HostProcess> StartedAsync(IdentityHostFixture identity)
    {
        await _starting.WaitAsync();
        try
        {
            if (_host is null)
            {
                var host = new HostProcess(
                    _data.Path,
                    "--Compute:Auth:Mode=keystone",
                    $"--Compute:Auth:Keystone:AuthUrl={identity.AuthUrl}",
                    "--Compute:Auth:Keystone:Username=admin",
                    $"--Compute:Auth:Keystone:Password={identity.Passwords["admin"]}",
                    "--Compute:Auth:Keystone:ProjectName=admin",
                    "--Compute:FakeDriver:SpawnSeconds=0.1");
                await host.StartAsync();
                _host = host;
            }

            return _host;
        }
        finally
        {
            _starting.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _starting.Dispose();
        _data.Dispose();
    }
}
