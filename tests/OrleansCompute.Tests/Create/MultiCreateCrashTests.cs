using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Create;

/// <summary>
/// A multi-create cut short by SIGKILL: after the restart every granted member exists exactly once (the
/// reservation's resume reminder finishes it), nothing is half-created, and quota usage equals the members.
/// </summary>
public sealed class MultiCreateCrashTests
{
    private const int Count = 150;

    [Fact]
    public async Task A_host_killed_during_a_multi_create_leaves_every_member_once_and_quota_equal_to_them()
    {
        using var directory = new TempDirectory();
        string[] arguments =
        [
            "--Compute:FakeDriver:SpawnSeconds=0.1", "--Compute:Quota:Instances=-1", "--Compute:Quota:Cores=-1", "--Compute:Quota:Ram=-1",
            // One member at a time, so that the kill lands in the middle; the resume reminder fires after 2 s.
            "--Compute:Reservations:Parallelism=1", "--Compute:Reservations:ResumeAfterSeconds=2",
        ];
        await using var host = new HostProcess(directory.Path, arguments);
        await host.StartAsync();
        using (var client = NovaClient.For(host, "crash:crash"))
        {
            // As in Nova the answer comes once every member exists, so the request is still running when the
            // kill lands: wait until some members exist, then kill.
            var create = client.PostAsync("/v2.1/servers", CreateTestBodies.Server("crash", $", \"max_count\": {Count}"));
            var createdAtKill = await Eventually.Until(
                async () => (await client.GetAsync("/v2.1/servers?limit=1000")).Json["servers"]!.AsArray().Count,
                count => count > 0,
                TimeSpan.FromSeconds(30),
                because: "the reservation should start creating its members");
            await host.KillAsync();
            await create.ContinueWith(_ => { }, TaskScheduler.Default);
            createdAtKill.Should().BeLessThan(Count, "the kill must land while the reservation is still creating its members");
        }

        await using var restarted = new HostProcess(directory.Path, arguments);
        await restarted.StartAsync();
        using var after = NovaClient.For(restarted, "admin:crash");
        var (members, used) = await Eventually.Until(
            async () =>
            {
                var list = (await after.GetAsync("/v2.1/servers/detail?limit=1000", "2.3")).Json["servers"]!.AsArray().Select(s => s!).ToList();
                var limits = (await after.GetAsync("/v2.1/limits")).Json["limits"]!["absolute"]!["totalInstancesUsed"]!.GetValue<int>();
                return (list, limits);
            },
            state => state.list.Count == state.limits && state.list.Count is 0 or Count,
            TimeSpan.FromSeconds(90),
            because: "the reservation should finish after the restart with quota equal to its members");

        used.Should().Be(members.Count);
        members.Select(m => m["OS-EXT-SRV-ATTR:launch_index"]!.GetValue<int>()).Should().OnlyHaveUniqueItems();
        members.Select(m => m["id"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
        members.Should().OnlyContain(m => m["name"]!.GetValue<string>() == $"crash-{m["OS-EXT-SRV-ATTR:launch_index"]!.GetValue<int>() + 1}");
        members.Select(m => m["OS-EXT-SRV-ATTR:reservation_id"]!.GetValue<string>()).Distinct().Should().HaveCountLessThanOrEqualTo(1);
        await Eventually.Until(
            async () => (await after.GetAsync("/v2.1/servers/detail?limit=1000")).Json["servers"]!.AsArray().Select(s => s!["status"]!.GetValue<string>()).ToList(),
            statuses => statuses.All(s => s == "ACTIVE"),
            TimeSpan.FromSeconds(60),
            because: "no member is left half-created");
    }
}
