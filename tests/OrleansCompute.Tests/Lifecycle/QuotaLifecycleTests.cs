using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Lifecycle;

/// <summary>
/// The lifecycle and the project's quota together, as Nova counts it: a deleted server frees its slot, a
/// soft-deleted one does not count (and restore needs room again), and a resize moves the cores to the new
/// flavor up front (403 when they do not fit).
/// </summary>
public sealed class QuotaLifecycleTests
{
    [Fact]
    public async Task Quota_usage_follows_delete_soft_delete_restore_and_resize()
    {
        using var directory = new TempDirectory();
        await using var host = new HostProcess(
            directory.Path,
            "--Compute:FakeDriver:SpawnSeconds=0.05", "--Compute:FakeDriver:DefaultSeconds=0.05",
            "--Compute:Quota:Instances=2", "--Compute:Quota:Cores=4", "--Compute:ReclaimInstanceInterval=3600");
        await host.StartAsync();
        using var client = NovaClient.For(host, "demo:quota");

        var a = await client.CreateServerAsync("a");
        var b = await client.CreateServerAsync("b");
        await client.WaitForStatusAsync(a, "ACTIVE");
        await client.WaitForStatusAsync(b, "ACTIVE");
        (await client.PostAsync("/v2.1/servers", $$$"""{"server": {"name": "c", "flavorRef": "1", "imageRef": "{{{NovaClient.Image}}}"}}"""))
            .Status.Should().Be(HttpStatusCode.Forbidden);

        // m1.large needs 4 cores: with b's core that is 5 of 4.
        var tooBig = await client.PostAsync($"/v2.1/servers/{a}/action", """{"resize": {"flavorRef": "4"}}""");
        tooBig.Status.Should().Be(HttpStatusCode.Forbidden, tooBig.Body);
        tooBig.Json["forbidden"]!["message"]!.GetValue<string>().Should().Contain("cores");
        (await client.GetAsync($"/v2.1/servers/{a}")).Json["server"]!["status"]!.GetValue<string>().Should().Be("ACTIVE");

        // A soft-deleted server does not count toward the quota.
        (await client.DeleteAsync($"/v2.1/servers/{b}")).Status.Should().Be(HttpStatusCode.NoContent);
        await client.WaitForStatusAsync(b, "SOFT_DELETED");
        await UsedAsync(client, "totalInstancesUsed", 1);

        // m1.medium (2 cores) fits now; the quota follows the new flavor.
        (await client.PostAsync($"/v2.1/servers/{a}/action", """{"resize": {"flavorRef": "3"}}""")).Status.Should().Be(HttpStatusCode.Accepted);
        await client.WaitForStatusAsync(a, "VERIFY_RESIZE");
        await UsedAsync(client, "totalCoresUsed", 2);
        (await client.PostAsync($"/v2.1/servers/{a}/action", """{"confirmResize": null}""")).Status.Should().Be(HttpStatusCode.NoContent);
        await client.WaitForStatusAsync(a, "ACTIVE");
        await UsedAsync(client, "totalCoresUsed", 2);

        var c = await client.CreateServerAsync("c");
        var refused = await client.PostAsync($"/v2.1/servers/{b}/action", """{"restore": null}""");
        refused.Status.Should().Be(HttpStatusCode.Forbidden, "restore needs room in the quota again");
        (await client.GetAsync($"/v2.1/servers/{b}")).Json["server"]!["status"]!.GetValue<string>().Should().Be("SOFT_DELETED");

        // A hard delete frees the slot, and the restore goes through.
        await client.WaitForStatusAsync(c, "ACTIVE");
        (await client.DeleteAsync($"/v2.1/servers/{c}")).Status.Should().Be(HttpStatusCode.NoContent);
        await client.WaitForStatusAsync(c, "SOFT_DELETED");
        (await client.PostAsync($"/v2.1/servers/{c}/action", """{"forceDelete": null}""")).Status.Should().Be(HttpStatusCode.Accepted);
        await Eventually.Until(() => client.GetAsync($"/v2.1/servers/{c}"), r => r.Status == HttpStatusCode.NotFound);
        (await client.PostAsync($"/v2.1/servers/{b}/action", """{"restore": null}""")).Status.Should().Be(HttpStatusCode.Accepted);
        await client.WaitForStatusAsync(b, "ACTIVE");
        await UsedAsync(client, "totalInstancesUsed", 2);
    }

    /// <summary>The hooks run right after the transition's end is persisted, so usage is polled with a deadline.</summary>
    private static Task<int> UsedAsync(NovaClient client, string key, int expected) =>
        Eventually.Until(
            async () => (await client.GetAsync("/v2.1/limits")).Json["limits"]!["absolute"]![key]!.GetValue<int>(),
            used => used == expected,
            because: $"{key} should become {expected}");
}
