using System.Net;
using OrleansCompute.Driver;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Lifecycle;

/// <summary>
/// A status a server can be in when an action arrives, and how a client brings a new server there. Transitional
/// statuses are held by the fake driver's metadata hook (<see cref="Hold"/>: that operation takes ten minutes).
/// </summary>
public sealed record SourceStatus(string Status, DriverOperation? Hold, Func<LifecycleHostFixture, string, Task> Prepare)
{
    public const string HoldSeconds = "600";

    public static readonly SourceStatus[] All =
    [
        new("ACTIVE", null, (_, _) => Task.CompletedTask),
        new("BUILD", DriverOperation.Spawn, (_, _) => Task.CompletedTask),
        new("SHUTOFF", null, (h, id) => Step(h.Demo, id, """{"os-stop": null}""", "SHUTOFF")),
        new("PAUSED", null, (h, id) => Step(h.Demo, id, """{"pause": null}""", "PAUSED")),
        new("SUSPENDED", null, (h, id) => Step(h.Demo, id, """{"suspend": null}""", "SUSPENDED")),
        new("RESCUE", null, (h, id) => Step(h.Demo, id, """{"rescue": null}""", "RESCUE")),
        new("SHELVED", null, (h, id) => Step(h.Demo, id, """{"shelve": null}""", "SHELVED")),
        new("SHELVED_OFFLOADED", null, async (h, id) =>
        {
            await Step(h.Demo, id, """{"shelve": null}""", "SHELVED");
            await Step(h.Admin, id, """{"shelveOffload": null}""", "SHELVED_OFFLOADED");
        }),
        new("VERIFY_RESIZE", null, (h, id) => Step(h.Demo, id, """{"resize": {"flavorRef": "2"}}""", "VERIFY_RESIZE")),
        new("REVERT_RESIZE", DriverOperation.RevertMigration, async (h, id) =>
        {
            await Step(h.Demo, id, """{"resize": {"flavorRef": "2"}}""", "VERIFY_RESIZE");
            await Step(h.Demo, id, """{"revertResize": null}""", "REVERT_RESIZE");
        }),
        new("RESIZE", DriverOperation.MigrateDisk, (h, id) => Step(h.Demo, id, """{"resize": {"flavorRef": "2"}}""", "RESIZE")),
        new("REBOOT", DriverOperation.Reboot, (h, id) => Step(h.Demo, id, """{"reboot": {"type": "SOFT"}}""", "REBOOT")),
        new("HARD_REBOOT", DriverOperation.RebootHard, (h, id) => Step(h.Demo, id, """{"reboot": {"type": "HARD"}}""", "HARD_REBOOT")),
        new("REBUILD", DriverOperation.Rebuild, (h, id) => Step(h.Demo, id, """{"rebuild": {"imageRef": "70a599e0-31e7-49b7-b260-868f441e862b"}}""", "REBUILD")),
        new("MIGRATING", DriverOperation.LiveMigrate, (h, id) => Step(h.Admin, id, """{"os-migrateLive": {"host": null, "block_migration": "auto"}}""", "MIGRATING")),
        new("PASSWORD", DriverOperation.SetAdminPassword, (h, id) => Step(h.Demo, id, """{"changePassword": {"adminPass": "x"}}""", "PASSWORD")),
        new("SOFT_DELETED", null, async (h, id) =>
        {
            (await h.Demo.DeleteAsync($"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.NoContent);
            await h.Demo.WaitForStatusAsync(id, "SOFT_DELETED");
        }),
        new("ERROR", null, (h, id) => Step(h.Admin, id, """{"os-resetState": {"state": "error"}}""", "ERROR")),
        new("DELETED", null, async (h, id) =>
        {
            (await h.Demo.PostAsync($"/v2.1/servers/{id}/action", """{"forceDelete": null}""")).Status.Should().Be(HttpStatusCode.Accepted);
            await Eventually.Until(() => h.Demo.GetAsync($"/v2.1/servers/{id}"), r => r.Status == HttpStatusCode.NotFound);
        }),
    ];

    /// <summary>Creates a server with the given driver durations (metadata hooks) and brings it to this status.</summary>
    public async Task<string> CreateAsync(LifecycleHostFixture host, IDictionary<DriverOperation, string> durations)
    {
        var all = new Dictionary<DriverOperation, string>(durations);
        if (Hold is { } hold)
        {
            all[hold] = HoldSeconds;
        }

        var metadata = string.Join(", ", all.Select(d => $"\"{FakeDriverOptions.SecondsMetadataPrefix}{d.Key}\": \"{d.Value}\""));
        var id = await host.Demo.CreateServerAsync("src-" + Status.ToLowerInvariant(), $$""", "metadata": {{{metadata}}}""");
        if (Status != "BUILD")
        {
            await host.Demo.WaitForStatusAsync(id, "ACTIVE");
        }

        await Prepare(host, id);
        if (Status == "BUILD")
        {
            // A build passes scheduling and networking on its way to the held spawn: the expectations read the task
            // state once, so they are read only when the server rests in its held phase.
            await Eventually.Until(
                async () => (await host.Demo.GetAsync($"/v2.1/servers/{id}")).Json["server"],
                s => s?["OS-EXT-STS:task_state"]?.GetValue<string>() == "spawning",
                because: $"server {id} should reach its held spawn");
        }

        if (Status != "DELETED")
        {
            await host.Demo.WaitForStatusAsync(id, Status);
        }

        return id;
    }

    private static async Task Step(NovaClient client, string id, string body, string status)
    {
        var response = await client.PostAsync($"/v2.1/servers/{id}/action", body, ActionCase.Version);
        ((int)response.Status).Should().BeInRange(200, 204, response.Body);
        await client.WaitForStatusAsync(id, status);
    }

    public override string ToString() => Status;
}
