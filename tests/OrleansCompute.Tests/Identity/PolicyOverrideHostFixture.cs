using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Identity;

/// <summary>
/// One real host with a policy file that hands admin-only rules to project members, shared by
/// <see cref="PolicyOverrideTests"/>: each test there checks the servers it created itself (by id, or with
/// filters that hold whatever else exists), so a host per test only cost start-ups.
/// </summary>
public sealed class PolicyOverrideHostFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var policyFile = Path.Combine(_data.Path, "policy.yaml");
        await File.WriteAllTextAsync(policyFile, """
            "os_compute_api:os-extended-server-attributes": "rule:project_member_api"
            "os_compute_api:servers:allow_all_filters": "rule:project_member_api"
            "os_compute_api:servers:detail:get_all_tenants": "role:member"
            "compute:servers:create:requested_destination": "rule:project_member_api"
            "os_compute_api:os-shelve:shelve_offload": "rule:project_member_api"
            """);
        Host = new HostProcess(_data.Path, $"--Compute:Policy:File={policyFile}", "--Compute:FakeDriver:SpawnSeconds=0.05", "--Compute:FakeDriver:DefaultSeconds=0.05", "--Compute:ShelvedOffloadTime=-1");
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }
}
