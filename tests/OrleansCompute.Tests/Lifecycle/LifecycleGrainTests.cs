using OrleansCompute.Catalog;
using OrleansCompute.Driver;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Servers;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Servers.Lifecycle;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Lifecycle;

/// <summary>
/// The lifecycle on a real silo with a fake clock: deadlines kept by real Orleans reminders (driven by the same
/// fake clock), failure outcomes, concurrency, and the cost of an operation in writes.
/// </summary>
[Collection(LifecycleClusterCollection.Name)]
public sealed partial class LifecycleGrainTests(LifecycleClusterFixture fixture)
{
    private static readonly CallerContext Demo = new() { UserId = "demo", ProjectId = "demo", Roles = ["member"], RequestId = "req-demo" };
    private static readonly CallerContext Admin = new() { UserId = "admin", ProjectId = "admin", Roles = ["admin"], RequestId = "req-admin" };

    private async Task<IServerGrain> ActiveServerAsync(Dictionary<string, string>? metadata = null)
    {
        var grain = await BuildingServerAsync(metadata);
        var server = await SettledAsync(grain);
        server.Status.Should().Be(ServerStatus.Active);
        return grain;
    }

    /// <summary>A new server whose build waits for the fake clock (the driver's spawn takes a second of it).</summary>
    private async Task<IServerGrain> BuildingServerAsync(Dictionary<string, string>? metadata = null)
    {
        var grain = fixture.Grains.GetGrain<IServerGrain>(Guid.NewGuid());
        await grain.CreateAsync(new CreateServerCommand
        {
            Caller = Demo,
            Name = "vm",
            ImageRef = DefaultCatalog.CirrosImageId,
            Flavor = new FlavorSnapshot { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 },
            Metadata = metadata ?? [],
            ReservationId = "r-" + Guid.NewGuid().ToString("N")[..8],
            Hostname = "vm",
        });
        return grain;
    }

    /// <summary>Moves the fake clock in small steps until the server is idle (no task_state).</summary>
    private Task<ServerSnapshot> SettledAsync(IServerGrain grain, CallerContext? caller = null) =>
        Eventually.Until(
            async () =>
            {
                fixture.Time.Advance(TimeSpan.FromMilliseconds(250));
                return await grain.GetAsync(caller ?? Demo);
            },
            s => s.TaskState is null && s.VmState != VmState.Building);

    private static Task<ServerActionResult> Act(IServerGrain grain, ServerActionKind action, CallerContext? caller = null, Func<ServerActionCommand, ServerActionCommand>? with = null)
    {
        var command = new ServerActionCommand { Caller = (caller ?? Demo) with { RequestId = "req-" + Guid.NewGuid() }, Action = action };
        return grain.ActAsync(with?.Invoke(command) ?? command);
    }

    /// <summary>Moves the clock past a deadline, then until the condition holds (the reminder ticks on the same clock).</summary>
    /// <summary>
    /// Once <paramref name="grain"/> has registered the deadline's reminder, moves the clock past the deadline (and
    /// past the reminder's due time), then polls until the reminder has acted.
    /// </summary>
    private async Task<T> AfterDeadlineAsync<T>(IServerGrain grain, ServerDeadline reminder, TimeSpan deadline, Func<Task<T>> probe, Func<T, bool> done)
    {
        var due = await fixture.ReminderDueAsync(grain.GetGrainId(), reminder.Reminder);
        var untilDue = due - fixture.Time.GetUtcNow().UtcDateTime;
        fixture.Time.Advance(untilDue > deadline ? untilDue : deadline);
        return await Eventually.Until(
            async () =>
            {
                fixture.Time.Advance(TimeSpan.FromMilliseconds(500));
                return await probe();
            },
            done,
            // The reminder fires on the fake clock, but its turn still needs the (possibly busy) machine.
            TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Delete_soft_deletes_a_launched_server_and_restore_brings_it_back_before_the_reclaim()
    {
        var grain = await ActiveServerAsync();
        await grain.DeleteAsync(Demo);
        var deleting = await grain.GetAsync(Demo);
        deleting.Status.Should().Be(ServerStatus.Active);
        deleting.TaskState.Should().Be(TaskState.SoftDeleting);
        deleting.DeletedAt.Should().NotBeNull();

        var soft = await SettledAsync(grain);
        soft.Status.Should().Be(ServerStatus.SoftDeleted);
        soft.VmState.Should().Be(VmState.SoftDeleted);
        soft.PowerState.Should().Be(PowerState.Shutdown);

        await Act(grain, ServerActionKind.Restore);
        (await grain.GetAsync(Demo)).TaskState.Should().Be(TaskState.Restoring);
        var restored = await SettledAsync(grain);
        restored.Status.Should().Be(ServerStatus.Active);
        restored.PowerState.Should().Be(PowerState.Running);
        restored.DeletedAt.Should().BeNull();

        // The reclaim deadline passes: a restored server stays.
        fixture.Time.Advance(TimeSpan.FromSeconds(LifecycleClusterFixture.ReclaimSeconds + 5));
        for (var i = 0; i < 5; i++)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(1));
            (await grain.GetAsync(Demo)).Status.Should().Be(ServerStatus.Active);
        }
    }

    [Fact]
    public async Task A_soft_deleted_server_is_reclaimed_by_its_reminder_once_the_interval_has_passed()
    {
        var grain = await ActiveServerAsync();
        var id = (await grain.GetAsync(Demo)).Id;
        await grain.DeleteAsync(Demo);
        await SettledAsync(grain);
        await fixture.ReminderDueAsync(grain.GetGrainId(), ServerDeadlines.Reclaim.Reminder);

        // Just before the deadline nothing happens.
        fixture.Time.Advance(TimeSpan.FromSeconds(LifecycleClusterFixture.ReclaimSeconds - 60));
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        (await grain.GetAsync(Demo)).Status.Should().Be(ServerStatus.SoftDeleted);

        var row = await AfterDeadlineAsync(grain, ServerDeadlines.Reclaim, TimeSpan.FromSeconds(60), () => fixture.Index.FindAsync(id), s => s?.Deleted == true);
        row!.Status.Should().Be(ServerStatus.Deleted);
        row.TerminatedAt.Should().NotBeNull();
        var gone = () => grain.GetAsync(Demo);
        await gone.Should().ThrowAsync<ComputeFaultException>().Where(e => e.StatusCode == 404);
    }

    [Fact]
    public async Task ForceDelete_deletes_a_soft_deleted_server_at_once()
    {
        var grain = await ActiveServerAsync();
        var id = (await grain.GetAsync(Demo)).Id;
        await grain.DeleteAsync(Demo);
        await SettledAsync(grain);
        await Act(grain, ServerActionKind.ForceDelete);
        await Eventually.Until(
            async () =>
            {
                fixture.Time.Advance(TimeSpan.FromMilliseconds(250));
                return await fixture.Index.FindAsync(id);
            },
            s => s?.Deleted == true);
    }

    [Fact]
    public async Task A_shelved_server_is_offloaded_by_its_reminder_after_shelved_offload_time_and_unshelves_to_a_host()
    {
        var grain = await ActiveServerAsync();
        await Act(grain, ServerActionKind.Shelve);
        (await grain.GetAsync(Demo)).TaskState.Should().Be(TaskState.Shelving);
        var shelved = await SettledAsync(grain);
        shelved.Status.Should().Be(ServerStatus.Shelved);
        shelved.Host.Should().NotBeNull();

        var offloaded = await AfterDeadlineAsync(
            grain,
            ServerDeadlines.Offload,
            TimeSpan.FromSeconds(LifecycleClusterFixture.OffloadSeconds),
            () => grain.GetAsync(Demo),
            s => s.Status == ServerStatus.ShelvedOffloaded);
        offloaded.Host.Should().BeNull();
        offloaded.PowerState.Should().Be(PowerState.Shutdown);

        await Act(grain, ServerActionKind.Unshelve);
        (await grain.GetAsync(Demo)).TaskState.Should().Be(TaskState.Unshelving);
        var active = await SettledAsync(grain);
        active.Status.Should().Be(ServerStatus.Active);
        active.Host.Should().StartWith("compute-");
    }

    [Fact]
    public async Task A_resize_is_confirmed_automatically_after_the_confirm_window()
    {
        var grain = await ActiveServerAsync();
        await Act(grain, ServerActionKind.Resize, with: c => c with { FlavorRef = "2" });
        (await grain.GetAsync(Demo)).Status.Should().Be(ServerStatus.Resize);
        var verify = await SettledAsync(grain);
        verify.Status.Should().Be(ServerStatus.VerifyResize);
        verify.Flavor.Id.Should().Be("2");

        var confirmed = await AfterDeadlineAsync(
            grain,
            ServerDeadlines.ConfirmResize,
            TimeSpan.FromSeconds(LifecycleClusterFixture.ConfirmSeconds),
            () => grain.GetAsync(Demo),
            s => s.Status == ServerStatus.Active);
        confirmed.Flavor.Id.Should().Be("2");
        var log = await grain.GetActionsAsync(Demo, includeDeleted: false);
        log.Actions[0].Action.Should().Be("confirmResize");
    }

    [Fact]
    public async Task A_reverted_resize_goes_back_to_the_old_flavor_and_a_stopped_server_stays_stopped()
    {
        var grain = await ActiveServerAsync();
        await Act(grain, ServerActionKind.Stop);
        (await SettledAsync(grain)).Status.Should().Be(ServerStatus.Shutoff);
        await Act(grain, ServerActionKind.Resize, with: c => c with { FlavorRef = "2" });
        (await SettledAsync(grain)).Status.Should().Be(ServerStatus.VerifyResize);
        await Act(grain, ServerActionKind.RevertResize);
        (await grain.GetAsync(Demo)).Status.Should().Be(ServerStatus.RevertResize);
        var reverted = await SettledAsync(grain);
        reverted.Status.Should().Be(ServerStatus.Shutoff);
        reverted.Flavor.Id.Should().Be("1");
    }

    [Fact]
    public async Task Resizing_to_the_same_flavor_is_400_after_the_state_check()
    {
        var grain = await ActiveServerAsync();
        var same = () => Act(grain, ServerActionKind.Resize, with: c => c with { FlavorRef = "1" });
        await same.Should().ThrowAsync<ComputeFaultException>().Where(e => e.StatusCode == 400 && e.Message == "When resizing, instances must change flavor!");
        await Act(grain, ServerActionKind.Pause);
        await SettledAsync(grain);
        var paused = () => Act(grain, ServerActionKind.Resize, with: c => c with { FlavorRef = "1" });
        await paused.Should().ThrowAsync<ComputeFaultException>().Where(e => e.StatusCode == 409);
    }

    [Fact]
    public async Task A_failed_reboot_leaves_ERROR_with_a_fault_and_a_failed_stop_goes_back_to_ACTIVE()
    {
        var grain = await ActiveServerAsync(new() { [FakeDriverOptions.FailMetadataKey] = "Reboot,PowerOff" });
        await Act(grain, ServerActionKind.Stop);
        var stopped = await SettledAsync(grain);
        stopped.Status.Should().Be(ServerStatus.Active);
        stopped.Fault.Should().NotBeNull();
        var log = await grain.GetActionsAsync(Demo, includeDeleted: false);
        log.Actions[0].Action.Should().Be("stop");
        log.Actions[0].Message.Should().Be("Error");
        log.Actions[0].Events.Should().ContainSingle().Which.Result.Should().Be("Error");

        await Act(grain, ServerActionKind.Reboot);
        var failed = await SettledAsync(grain);
        failed.Status.Should().Be(ServerStatus.Error);
        failed.Fault!.Code.Should().Be(500);
        failed.Fault.Message.Should().Contain("Reboot");
    }

    [Fact]
    public async Task An_operation_costs_two_writes_its_start_and_its_end()
    {
        var grain = await ActiveServerAsync();
        var before = (await grain.GetAsync(Demo)).Revision;
        await Act(grain, ServerActionKind.Pause);
        (await grain.GetAsync(Demo)).Revision.Should().Be(before + 1);
        var paused = await SettledAsync(grain);
        paused.Revision.Should().Be(before + 2);
        // The grain shows the end's commit once its state is written, and writes the index row right after: the row
        // follows within moments, and then carries the same revision (no third write).
        var indexed = await Eventually.Until(
            () => fixture.Index.FindAsync(paused.Id),
            row => row is not null && row.Revision >= before + 2,
            because: "the index row follows the end's commit");
        indexed!.Revision.Should().Be(before + 2);
        indexed.Status.Should().Be(ServerStatus.Paused);
    }

    [Fact]
    public async Task Of_two_conflicting_actions_at_once_one_is_accepted_and_the_other_is_409()
    {
        var grain = await ActiveServerAsync();
        var attempts = new[] { ServerActionKind.Pause, ServerActionKind.Suspend, ServerActionKind.Stop, ServerActionKind.Shelve }
            .Select(async action =>
            {
                try
                {
                    await Act(grain, action);
                    return (action, accepted: true);
                }
                catch (ComputeFaultException fault) when (fault.StatusCode == 409)
                {
                    return (action, accepted: false);
                }
            });
        var results = await Task.WhenAll(attempts);
        results.Count(r => r.accepted).Should().Be(1);
        var winner = results.Single(r => r.accepted).action;
        var settled = await SettledAsync(grain);
        settled.Status.Should().Be(winner switch
        {
            ServerActionKind.Pause => ServerStatus.Paused,
            ServerActionKind.Suspend => ServerStatus.Suspended,
            ServerActionKind.Stop => ServerStatus.Shutoff,
            _ => ServerStatus.Shelved,
        });
    }

    [Fact]
    public async Task A_lock_refuses_the_owner_but_not_an_admin_and_an_admin_lock_needs_an_admin_to_unlock()
    {
        var grain = await ActiveServerAsync();
        await Act(grain, ServerActionKind.Lock, Admin, c => c with { LockedReason = "maintenance" });
        var locked = await grain.GetAsync(Demo);
        locked.Locked.Should().BeTrue();
        locked.LockedBy.Should().Be("admin");
        locked.LockedReason.Should().Be("maintenance");

        var pause = () => Act(grain, ServerActionKind.Pause);
        await pause.Should().ThrowAsync<ComputeFaultException>().Where(e => e.StatusCode == 409 && e.Message == $"Instance {locked.Id} is locked");
        var delete = () => grain.DeleteAsync(Demo);
        await delete.Should().ThrowAsync<ComputeFaultException>().Where(e => e.StatusCode == 409);
        var unlock = () => Act(grain, ServerActionKind.Unlock);
        await unlock.Should().ThrowAsync<ComputeFaultException>().Where(e => e.StatusCode == 403);

        await Act(grain, ServerActionKind.Pause, Admin);
        await SettledAsync(grain);
        await Act(grain, ServerActionKind.Unlock, Admin);
        var unlocked = await grain.GetAsync(Demo);
        unlocked.Locked.Should().BeFalse();
        unlocked.LockedReason.Should().BeNull();
    }

    [Fact]
    public async Task ResetState_abandons_what_was_in_flight_and_sets_the_vm_state()
    {
        var grain = await ActiveServerAsync(new() { [FakeDriverOptions.SecondsMetadataPrefix + "Rebuild"] = "60" });
        await Act(grain, ServerActionKind.Rebuild, with: c => c with { Rebuild = new RebuildSpec { ImageRef = DefaultCatalog.CirrosImageId } });
        (await grain.GetAsync(Demo)).Status.Should().Be(ServerStatus.Rebuild);
        var refused = () => Act(grain, ServerActionKind.ResetState, Demo, c => c with { State = "error" });
        await refused.Should().ThrowAsync<ComputeFaultException>().Where(e => e.StatusCode == 403);

        await Act(grain, ServerActionKind.ResetState, Admin, c => c with { State = "error" });
        var error = await grain.GetAsync(Demo);
        error.Status.Should().Be(ServerStatus.Error);
        error.TaskState.Should().BeNull();
        fixture.Time.Advance(TimeSpan.FromSeconds(61));
        (await SettledAsync(grain)).Status.Should().Be(ServerStatus.Error);
    }
}
