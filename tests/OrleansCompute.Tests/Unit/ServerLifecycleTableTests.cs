using System.Reflection;
using OrleansCompute.Faults;
using OrleansCompute.Servers;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Tests.Unit;

/// <summary>
/// The lifecycle table against Nova, written out a second time here from <c>nova/compute/api.py</c> (the
/// decorators on each method) and checked exhaustively over every vm_state × task_state × launched × host.
/// </summary>
public sealed class ServerLifecycleTableTests
{
    private sealed record NovaRule(string[]? VmStates, string?[]? TaskStates, bool Launched, bool Host, string? FirstTask, string? EndVm);

    private static readonly string?[] IdleOnly = [null];

    private static readonly string?[] AllowReboot =
        [null, "rebooting", "reboot_pending", "reboot_started", "rebooting_hard", "resuming", "unpausing", "pausing", "suspending"];

    // action → Nova's check_instance_state(vm_state, task_state, must_have_launched) and check_instance_host.
    private static readonly Dictionary<ServerActionKind, NovaRule> Nova = new()
    {
        [ServerActionKind.Reboot] = new(["active"], IdleOnly, true, false, "rebooting", "active"),
        [ServerActionKind.RebootHard] = new(["active", "stopped", "paused", "suspended", "error"], AllowReboot, true, false, "rebooting_hard", "active"),
        [ServerActionKind.Stop] = new(["active", "error"], IdleOnly, true, true, "powering-off", "stopped"),
        [ServerActionKind.Start] = new(["stopped"], IdleOnly, true, true, "powering-on", "active"),
        [ServerActionKind.Pause] = new(["active"], IdleOnly, true, false, "pausing", "paused"),
        [ServerActionKind.Unpause] = new(["paused"], IdleOnly, true, false, "unpausing", "active"),
        [ServerActionKind.Suspend] = new(["active"], IdleOnly, true, false, "suspending", "suspended"),
        [ServerActionKind.Resume] = new(["suspended"], IdleOnly, true, false, "resuming", "active"),
        [ServerActionKind.Shelve] = new(["active", "stopped", "paused", "suspended"], IdleOnly, true, false, "shelving", "shelved"),
        [ServerActionKind.ShelveOffload] = new(["shelved"], IdleOnly, true, false, "shelving_offloading", "shelved_offloaded"),
        [ServerActionKind.Unshelve] = new(["shelved", "shelved_offloaded"], IdleOnly, true, false, "unshelving", "active"),
        [ServerActionKind.Rescue] = new(["active", "stopped", "error"], IdleOnly, true, false, "rescuing", "rescued"),
        [ServerActionKind.Unrescue] = new(["rescued"], IdleOnly, true, false, "unrescuing", "active"),
        [ServerActionKind.Rebuild] = new(["active", "stopped", "error"], IdleOnly, true, false, "rebuilding", null),
        [ServerActionKind.Resize] = new(["active", "stopped"], IdleOnly, true, true, "resize_prep", "resized"),
        [ServerActionKind.ConfirmResize] = new(["resized"], IdleOnly, true, false, null, null),
        [ServerActionKind.RevertResize] = new(["resized"], IdleOnly, true, false, "resize_reverting", null),
        [ServerActionKind.Migrate] = new(["active", "stopped"], IdleOnly, true, true, "resize_prep", "resized"),
        [ServerActionKind.LiveMigrate] = new(["active", "paused"], IdleOnly, true, true, "migrating", null),
        [ServerActionKind.ChangePassword] = new(["active"], IdleOnly, true, false, "updating_password", null),
        [ServerActionKind.CreateImage] = new(["active", "stopped", "paused", "suspended"], IdleOnly, true, false, "image_snapshot_pending", null),
        [ServerActionKind.CreateBackup] = new(["active", "stopped", "paused", "suspended"], IdleOnly, true, false, "image_backup", null),
        [ServerActionKind.TriggerCrashDump] = new(["active", "paused", "rescued", "resized", "error"], IdleOnly, true, true, null, null),
        [ServerActionKind.Lock] = new(null, null, false, false, null, null),
        [ServerActionKind.Unlock] = new(null, null, false, false, null, null),
        [ServerActionKind.ResetState] = new(null, null, false, false, null, null),
        [ServerActionKind.InjectNetworkInfo] = new(null, null, false, false, null, null),
        [ServerActionKind.AddSecurityGroup] = new(null, null, false, false, null, null),
        [ServerActionKind.RemoveSecurityGroup] = new(null, null, false, false, null, null),
        [ServerActionKind.AddFixedIp] = new(null, null, false, false, null, null),
        [ServerActionKind.RemoveFixedIp] = new(null, null, false, false, null, null),
        [ServerActionKind.AddFloatingIp] = new(null, null, false, false, null, null),
        [ServerActionKind.RemoveFloatingIp] = new(null, null, false, false, null, null),
        [ServerActionKind.Restore] = new(["soft-delete"], IdleOnly, true, false, "restoring", "active"),
        [ServerActionKind.ForceDelete] = new(null, IdleOnly, false, false, "deleting", "deleted"),
        [ServerActionKind.Delete] = new(null, null, false, false, "deleting", "deleted"),
        [ServerActionKind.SoftDelete] = new(null, null, true, false, "soft-deleting", "soft-delete"),
        [ServerActionKind.Reclaim] = new(["soft-delete"], IdleOnly, false, false, "deleting", "deleted"),
        [ServerActionKind.Evacuate] = new(["active", "stopped", "error"], IdleOnly, true, false, "rebuilding", null),
        [ServerActionKind.AttachInterface] = new(["active", "paused", "stopped", "suspended", "shelved", "shelved_offloaded"], IdleOnly, true, false, null, null),
        [ServerActionKind.DetachInterface] = new(["active", "paused", "stopped", "suspended", "shelved", "shelved_offloaded"], IdleOnly, true, false, null, null),
    };

    private static readonly string[] AllVmStates = Constants(typeof(VmState)).Append("some-future-state").ToArray();

    private static readonly string?[] AllTaskStates = Constants(typeof(TaskState)).Cast<string?>().Prepend(null).ToArray();

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void Every_action_has_exactly_one_row_and_Nova_rule()
    {
        ServerLifecycle.Table.Keys.Should().BeEquivalentTo(Enum.GetValues<ServerActionKind>());
        Nova.Keys.Should().BeEquivalentTo(Enum.GetValues<ServerActionKind>());
    }

    public static TheoryData<ServerActionKind> Actions() => new(Enum.GetValues<ServerActionKind>());

    [Theory]
    [MemberData(nameof(Actions))]
    public void The_row_accepts_exactly_the_states_Nova_accepts_and_refuses_with_Novas_message(ServerActionKind action)
    {
        var row = ServerLifecycle.For(action);
        var nova = Nova[action];
        var checkedCases = 0;
        var mismatches = new List<string>();
        foreach (var vm in AllVmStates)
        {
            foreach (var task in AllTaskStates)
            {
                foreach (var launched in new[] { true, false })
                {
                    foreach (var host in new[] { true, false })
                    {
                        var server = Server(vm, task, launched, host);
                        var expected = ExpectedRefusal(nova, row.ConflictName, server);
                        string? actual = null;
                        try
                        {
                            row.EnsureAllowed(server);
                        }
                        catch (ComputeFaultException fault) when (fault.StatusCode == 409)
                        {
                            actual = fault.Message;
                        }

                        if (actual != expected)
                        {
                            mismatches.Add($"({vm}, {task ?? "None"}, launched {launched}, host {host}): expected {expected ?? "accepted"}, got {actual ?? "accepted"}");
                        }

                        checkedCases++;
                    }
                }
            }
        }

        checkedCases.Should().Be(AllVmStates.Length * AllTaskStates.Length * 4);
        mismatches.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public void The_transitional_task_state_and_the_end_state_are_Novas(ServerActionKind action)
    {
        var row = ServerLifecycle.For(action);
        var nova = Nova[action];
        row.FirstTaskState.Should().Be(nova.FirstTask);
        if (nova.EndVm is not null)
        {
            row.EndVmState.Should().Be(nova.EndVm);
        }

        // Every transitional task_state shows the status Nova shows for it from an allowed vm_state.
        foreach (var task in row.Phases.SelectMany(p => p.TaskStates))
        {
            AllTaskStates.Should().Contain(task);
        }
    }

    [Fact]
    public void Transitional_statuses_are_the_ones_Nova_shows_while_the_action_runs()
    {
        Status(ServerActionKind.Reboot, "active").Should().Be(ServerStatus.Reboot);
        Status(ServerActionKind.RebootHard, "active").Should().Be(ServerStatus.HardReboot);
        Status(ServerActionKind.RebootHard, "stopped").Should().Be(ServerStatus.Shutoff);
        Status(ServerActionKind.Stop, "active").Should().Be(ServerStatus.Active);
        Status(ServerActionKind.Rebuild, "stopped").Should().Be(ServerStatus.Rebuild);
        Status(ServerActionKind.Resize, "stopped").Should().Be(ServerStatus.Resize);
        Status(ServerActionKind.RevertResize, "resized").Should().Be(ServerStatus.RevertResize);
        Status(ServerActionKind.ConfirmResize, "resized").Should().Be(ServerStatus.VerifyResize);
        Status(ServerActionKind.LiveMigrate, "paused").Should().Be(ServerStatus.Migrating);
        Status(ServerActionKind.ChangePassword, "active").Should().Be(ServerStatus.Password);
        Status(ServerActionKind.CreateImage, "suspended").Should().Be(ServerStatus.Suspended);
        Status(ServerActionKind.SoftDelete, "active").Should().Be(ServerStatus.Active);
    }

    [Fact]
    public void Failures_end_in_ERROR_only_where_Novas_manager_sets_it()
    {
        var error = ServerLifecycle.Table.Values.Where(r => r.Phases.Count > 0 && r.OnFailure == FailureOutcome.Error).Select(r => r.Action);
        error.Should().BeEquivalentTo(new[]
        {
            ServerActionKind.Reboot, ServerActionKind.RebootHard, ServerActionKind.Rescue, ServerActionKind.Rebuild,
            ServerActionKind.Resize, ServerActionKind.ConfirmResize, ServerActionKind.RevertResize, ServerActionKind.Migrate,
            ServerActionKind.ForceDelete, ServerActionKind.Delete, ServerActionKind.SoftDelete, ServerActionKind.Reclaim,
            ServerActionKind.Evacuate,
        });
    }

    [Fact]
    public void Lock_policy_columns_are_Novas()
    {
        ServerLifecycle.Table.Values.Where(r => !r.ChecksLock).Select(r => r.Action).Should().BeEquivalentTo(new[]
        {
            ServerActionKind.CreateImage, ServerActionKind.CreateBackup, ServerActionKind.Lock, ServerActionKind.Unlock,
            ServerActionKind.ResetState, ServerActionKind.AddSecurityGroup, ServerActionKind.RemoveSecurityGroup, ServerActionKind.Reclaim,
            ServerActionKind.Evacuate,
            ServerActionKind.AddFloatingIp, ServerActionKind.RemoveFloatingIp,
        });
        ServerLifecycle.Table.Values.Where(r => r.AdminPolicy is not null).Select(r => r.Action).Should().BeEquivalentTo(new[]
        {
            ServerActionKind.ShelveOffload, ServerActionKind.Migrate, ServerActionKind.LiveMigrate, ServerActionKind.ResetState, ServerActionKind.InjectNetworkInfo,
            ServerActionKind.Evacuate,
        });
    }

    [Fact]
    public void Console_tail_is_Novas_tail_log()
    {
        ConsoleTail.Last("a\nb\nc", 2).Should().Be("b\nc");
        ConsoleTail.Last("a\nb\nc", 5).Should().Be("a\nb\nc");
        ConsoleTail.Last("a\nb\nc", 0).Should().Be("");
        ConsoleTail.Last("a\nb\nc", -1).Should().Be("a\nb\nc");
    }

    private static string Status(ServerActionKind action, string vm) => ServerStatusMapper.ToStatus(vm, ServerLifecycle.For(action).FirstTaskState);

    /// <summary>Nova's order: check_instance_host, then vm_state, task_state, launched_at.</summary>
    private static string? ExpectedRefusal(NovaRule rule, string name, ServerSnapshot server)
    {
        if (rule.Host && server.Host is null)
        {
            return $"Instance {server.Id} is not ready";
        }

        if (rule.VmStates is not null && !rule.VmStates.Contains(server.VmState))
        {
            return $"Cannot '{name}' instance {server.Id} while it is in vm_state {server.VmState}";
        }

        if (rule.TaskStates is not null && !rule.TaskStates.Contains(server.TaskState))
        {
            return $"Cannot '{name}' instance {server.Id} while it is in task_state {server.TaskState ?? "None"}";
        }

        if (rule.Launched && server.LaunchedAt is null)
        {
            return $"Cannot '{name}' instance {server.Id} while it is in launched_at None";
        }

        return null;
    }

    private static ServerSnapshot Server(string vm, string? task, bool launched, bool host) => new()
    {
        Id = Guid.Parse("11111111-2222-3333-4444-555555555555"),
        ProjectId = "p",
        UserId = "u",
        Name = "n",
        ImageRef = "i",
        Flavor = new FlavorSnapshot { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 },
        VmState = vm,
        TaskState = task,
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        LaunchedAt = launched ? DateTimeOffset.UnixEpoch : null,
        Host = host ? "compute-1" : null,
        InstanceName = "instance-1",
        Hostname = "n",
        ReservationId = "r-1",
    };
}
