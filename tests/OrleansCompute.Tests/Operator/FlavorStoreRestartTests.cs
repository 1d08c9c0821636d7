using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Operator;

/// <summary>
/// The flavor store is durable, and configuration seeds it on its first start only: an operator's create and
/// delete survive a restart, and a deleted configured flavor does not come back from configuration.
/// </summary>
[CollectionDuration(85)]
public sealed class FlavorStoreRestartTests
{
    [Fact]
    public async Task Flavors_created_and_deleted_by_the_operator_survive_a_restart()
    {
        using var directory = new TempDirectory();
        await using var host = new HostProcess(directory.Path);
        await host.StartAsync();
        using (var admin = NovaClient.For(host, "admin:admin"))
        {
            (await admin.PostAsync("/v2.1/flavors", """{"flavor": {"name": "kept", "id": "kept", "ram": 128, "vcpus": 1, "disk": 0}}""")).Status.Should().Be(HttpStatusCode.OK);
            (await admin.DeleteAsync("/v2.1/flavors/2")).Status.Should().Be(HttpStatusCode.Accepted);
        }

        await host.StopAsync();
        await host.StartAsync();

        using var after = NovaClient.For(host, "admin:admin");
        // The front serves the configured flavors until its first read of the store: poll for the store's view.
        var ids = await Eventually.Until(
            async () => (await after.GetAsync("/v2.1/flavors")).Json["flavors"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).ToList(),
            list => list.Contains("kept"),
            because: "the created flavor is durable");
        ids.Should().NotContain("2", "a deleted configured flavor is not seeded again");
        ids.Should().Contain("1");
    }
}
