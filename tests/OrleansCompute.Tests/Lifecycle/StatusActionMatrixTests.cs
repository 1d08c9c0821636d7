using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using OrleansCompute.Driver;
using OrleansCompute.Faults;
using OrleansCompute.Servers;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Servers.Lifecycle;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Lifecycle;

/// <summary>
/// Every (status, action) pair over HTTP against the real host. For each source status one server takes every
/// action that must be refused (409 with Nova's message, the status unchanged) and the harmless synchronous ones;
/// every action that must be accepted gets a fresh server in that status, and the test sees the status it passes
/// through right after the answer and the status it ends in. What is expected comes from the lifecycle table,
/// itself checked against Nova in <c>ServerLifecycleTableTests</c>; what happens comes only from HTTP.
/// </summary>
[Collection(LifecycleHostCollection.Name)]
public sealed class StatusActionMatrixTests(LifecycleHostFixture host)
{
    /// <summary>How long the tested action's driver work takes, so that its transitional status can be seen.</summary>
    private const string ObservableSeconds = "1.5";

    public static TheoryData<string> Statuses() => new(SourceStatus.All.Select(s => s.Status));

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Every_action_from_this_status_is_accepted_or_refused_as_Nova_does(string status)
    {
        var source = SourceStatus.All.Single(s => s.Status == status);
        var probe = await source.CreateAsync(host, new Dictionary<DriverOperation, string>());
        var failures = new ConcurrentBag<string>();
        var accepted = new List<ActionCase>();

        var before = await ViewAsync(probe);
        foreach (var action in ActionCase.All)
        {
            var expectation = Expect(source, before, action);
            if (expectation.Refusal is { } refusal)
            {
                var response = await SendAsync(probe, action);
                Check(failures, action, (int)response.Status == refusal.Code && (refusal.Message is null || response.Body.Contains(refusal.Message, StringComparison.Ordinal)),
                    $"expected {refusal.Code} {refusal.Message}, got {response}");
                var after = await ViewAsync(probe);
                Check(failures, action, Status(after) == Status(before), $"a refused action changed the status to {Status(after)}");
            }
            else if (action.IsSynchronousAndHarmless)
            {
                await SynchronousAsync(failures, probe, before, action);
            }
            else
            {
                accepted.Add(action);
            }
        }

        using var throttle = new SemaphoreSlim(6);
        await Task.WhenAll(accepted.Select(async action =>
        {
            await throttle.WaitAsync();
            try
            {
                await AcceptedAsync(failures, source, action);
            }
            catch (Exception exception)
            {
                failures.Add($"{action}: {exception.Message}");
            }
            finally
            {
                throttle.Release();
            }
        }));

        failures.Should().BeEmpty();
    }

    private async Task SynchronousAsync(ConcurrentBag<string> failures, string probe, JsonNode? before, ActionCase action)
    {
        var response = await SendAsync(probe, action);
        var code = action.IsConsole ? HttpStatusCode.OK : HttpStatusCode.Accepted;
        Check(failures, action, response.Status == code, $"expected {(int)code}, got {response}");
        var after = await ViewAsync(probe);
        Check(failures, action, Status(after) == Status(before), $"status went from {Status(before)} to {Status(after)}");
        switch (action.Kind)
        {
            case ServerActionKind.Lock:
                Check(failures, action, after?["locked"]?.GetValue<bool>() == true, "not locked");
                await host.Admin.PostAsync($"/v2.1/servers/{probe}/action", """{"unlock": null}""", ActionCase.Version);
                break;
            case ServerActionKind.AddSecurityGroup:
                Check(failures, action, Groups(after).Contains("web"), "group not added");
                await host.Demo.PostAsync($"/v2.1/servers/{probe}/action", """{"removeSecurityGroup": {"name": "web"}}""");
                break;
            case ServerActionKind.RemoveSecurityGroup:
                Check(failures, action, !Groups(after).Contains("default"), "group not removed");
                await host.Demo.PostAsync($"/v2.1/servers/{probe}/action", """{"addSecurityGroup": {"name": "default"}}""");
                break;
            case ServerActionKind.InjectNetworkInfo when action.IsConsole:
                Check(failures, action, response.Json["output"]!.GetValue<string>().Split('\n').Length == 3, $"not 3 lines: {response.Body}");
                break;
        }
    }

    private async Task AcceptedAsync(ConcurrentBag<string> failures, SourceStatus source, ActionCase action)
    {
        var durations = action.Operations.ToDictionary(o => o, _ => ObservableSeconds);
        var id = await source.CreateAsync(host, durations);
        var before = await ViewAsync(id);
        var response = await SendAsync(id, action);
        var expected = action.Kind switch
        {
            ServerActionKind.Rescue => HttpStatusCode.OK,
            ServerActionKind.ConfirmResize or ServerActionKind.Delete => HttpStatusCode.NoContent,
            _ => HttpStatusCode.Accepted,
        };
        Check(failures, action, response.Status == expected, $"expected {(int)expected}, got {response}");

        var (through, end) = Outcome(source, before!, action);
        var now = await ViewAsync(id);
        if (through is not null)
        {
            Check(failures, action, Status(now) == through, $"expected to pass through {through}, saw {Status(now) ?? "404"}");
        }

        if (source.Hold is { } hold && action.Operations.Contains(hold))
        {
            // The tested operation is the one holding the source status: it too takes ten minutes.
            return;
        }

        var settled = await Eventually.Until(() => ViewAsync(id), v => end is null ? v is null : Status(v) == end && v?["OS-EXT-STS:task_state"]?.GetValue<string>() is null, because: $"{source} + {action} should end in {end ?? "404"}");
        Check(failures, action, settled?["OS-EXT-STS:task_state"]?.GetValue<string>() is null, "a task_state is left");
    }

    /// <summary>What the table says of this action on a server as the admin view shows it.</summary>
    private static (int Code, string? Message)? RefusalOf(SourceStatus source, JsonNode? view, ActionCase action)
    {
        if (view is null)
        {
            return (404, "could not be found");
        }

        var server = Snapshot(view);
        if (action.IsConsole)
        {
            return server.Host is null ? (409, $"Instance {server.Id} is not ready") : null;
        }

        if (action.Kind == ServerActionKind.Delete)
        {
            return null;
        }

        try
        {
            ServerLifecycle.For(action.Kind).EnsureAllowed(server);
            return null;
        }
        catch (ComputeFaultException fault)
        {
            _ = source;
            return (fault.StatusCode, fault.Message);
        }
    }

    private static Expectation Expect(SourceStatus source, JsonNode? view, ActionCase action) => new(RefusalOf(source, view, action));

    /// <summary>The status an accepted action shows at once and the one it ends in (null: the server is gone).</summary>
    private static (string? Through, string? End) Outcome(SourceStatus source, JsonNode view, ActionCase action)
    {
        var vm = view["OS-EXT-STS:vm_state"]!.GetValue<string>();
        var status = source.Status;
        var hasHost = view["OS-EXT-SRV-ATTR:host"]?.GetValue<string>() is not null;
        var launched = view["OS-SRV-USG:launched_at"]?.GetValue<string>() is not null;
        string Through(ServerActionKind kind) => ServerStatusMapper.ToStatus(vm, ServerLifecycle.For(kind).FirstTaskState ?? view["OS-EXT-STS:task_state"]?.GetValue<string>());
        return action.Kind switch
        {
            ServerActionKind.Delete when !hasHost => (null, null),
            ServerActionKind.Delete when status == "SOFT_DELETED" || !launched => (Through(ServerActionKind.Delete), null),
            ServerActionKind.Delete => (Through(ServerActionKind.SoftDelete), "SOFT_DELETED"),
            ServerActionKind.ForceDelete => (hasHost ? Through(ServerActionKind.ForceDelete) : null, null),
            ServerActionKind.Rebuild => (Through(action.Kind), status == "SHUTOFF" ? "SHUTOFF" : "ACTIVE"),
            ServerActionKind.Resize or ServerActionKind.Migrate => (Through(action.Kind), "VERIFY_RESIZE"),
            ServerActionKind.Stop => (Through(action.Kind), "SHUTOFF"),
            ServerActionKind.Pause => (Through(action.Kind), "PAUSED"),
            ServerActionKind.Suspend => (Through(action.Kind), "SUSPENDED"),
            ServerActionKind.Shelve => (Through(action.Kind), "SHELVED"),
            ServerActionKind.ShelveOffload => (Through(action.Kind), "SHELVED_OFFLOADED"),
            ServerActionKind.Rescue => (Through(action.Kind), "RESCUE"),
            ServerActionKind.ResetState => (null, "ERROR"),
            ServerActionKind.LiveMigrate or ServerActionKind.CreateImage or ServerActionKind.CreateBackup or ServerActionKind.TriggerCrashDump
                => (Through(action.Kind), status),
            _ => (Through(action.Kind), "ACTIVE"),
        };
    }

    private Task<NovaResponse> SendAsync(string id, ActionCase action)
    {
        var client = action.AsAdmin ? host.Admin : host.Demo;
        return action.Body is null
            ? client.DeleteAsync($"/v2.1/servers/{id}")
            : client.PostAsync($"/v2.1/servers/{id}/action", action.Body, ActionCase.Version);
    }

    /// <summary>The admin view (host and states included), or null for a server that is gone (404).</summary>
    private async Task<JsonNode?> ViewAsync(string id)
    {
        var response = await host.Admin.GetAsync($"/v2.1/servers/{id}", ActionCase.Version);
        return response.Status == HttpStatusCode.NotFound ? null : response.Json["server"];
    }

    private static string? Status(JsonNode? view) => view?["status"]?.GetValue<string>();

    private static List<string> Groups(JsonNode? view) =>
        view?["security_groups"]?.AsArray().Select(g => g!["name"]!.GetValue<string>()).ToList() ?? [];

    private static void Check(ConcurrentBag<string> failures, ActionCase action, bool condition, string message)
    {
        if (!condition)
        {
            failures.Add($"{action}: {message}");
        }
    }

    private static ServerSnapshot Snapshot(JsonNode view) => new()
    {
        Id = Guid.Parse(view["id"]!.GetValue<string>()),
        ProjectId = view["tenant_id"]!.GetValue<string>(),
        UserId = view["user_id"]!.GetValue<string>(),
        Name = "",
        ImageRef = "",
        Flavor = new FlavorSnapshot { Id = "", Name = "", Vcpus = 1, RamMb = 1, DiskGb = 1 },
        VmState = view["OS-EXT-STS:vm_state"]!.GetValue<string>(),
        TaskState = view["OS-EXT-STS:task_state"]?.GetValue<string>(),
        LaunchedAt = view["OS-SRV-USG:launched_at"]?.GetValue<string>() is null ? null : DateTimeOffset.UnixEpoch,
        Host = view["OS-EXT-SRV-ATTR:host"]?.GetValue<string>(),
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        InstanceName = "",
        Hostname = "",
        ReservationId = "",
    };

    private sealed record Expectation((int Code, string? Message)? Refusal);
}
