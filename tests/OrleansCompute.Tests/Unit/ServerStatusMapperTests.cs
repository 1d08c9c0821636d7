using OrleansCompute.Servers;

namespace OrleansCompute.Tests.Unit;

public sealed class ServerStatusMapperTests
{
    [Theory]
    [InlineData("active", null, "ACTIVE")]
    [InlineData("active", "rebooting", "REBOOT")]
    [InlineData("active", "reboot_pending", "REBOOT")]
    [InlineData("active", "reboot_started", "REBOOT")]
    [InlineData("active", "rebooting_hard", "HARD_REBOOT")]
    [InlineData("active", "reboot_pending_hard", "HARD_REBOOT")]
    [InlineData("active", "reboot_started_hard", "HARD_REBOOT")]
    [InlineData("active", "updating_password", "PASSWORD")]
    [InlineData("active", "rebuilding", "REBUILD")]
    [InlineData("active", "rebuild_block_device_mapping", "REBUILD")]
    [InlineData("active", "rebuild_spawning", "REBUILD")]
    [InlineData("active", "migrating", "MIGRATING")]
    [InlineData("active", "resize_prep", "RESIZE")]
    [InlineData("active", "resize_migrating", "RESIZE")]
    [InlineData("active", "resize_migrated", "RESIZE")]
    [InlineData("active", "resize_finish", "RESIZE")]
    [InlineData("active", "powering-off", "ACTIVE")]
    [InlineData("active", "deleting", "ACTIVE")]
    [InlineData("building", "scheduling", "BUILD")]
    [InlineData("building", "spawning", "BUILD")]
    [InlineData("stopped", null, "SHUTOFF")]
    [InlineData("stopped", "resize_prep", "RESIZE")]
    [InlineData("stopped", "rebuilding", "REBUILD")]
    [InlineData("stopped", "rebooting_hard", "SHUTOFF")]
    [InlineData("resized", null, "VERIFY_RESIZE")]
    [InlineData("resized", "resize_reverting", "REVERT_RESIZE")]
    [InlineData("resized", "resize_confirming", "VERIFY_RESIZE")]
    [InlineData("paused", null, "PAUSED")]
    [InlineData("paused", "migrating", "MIGRATING")]
    [InlineData("suspended", null, "SUSPENDED")]
    [InlineData("rescued", null, "RESCUE")]
    [InlineData("error", null, "ERROR")]
    [InlineData("error", "rebuilding", "REBUILD")]
    [InlineData("error", "rebooting_hard", "ERROR")]
    [InlineData("deleted", null, "DELETED")]
    [InlineData("soft-delete", null, "SOFT_DELETED")]
    [InlineData("shelved", null, "SHELVED")]
    [InlineData("shelved_offloaded", null, "SHELVED_OFFLOADED")]
    [InlineData("no-such-state", null, "UNKNOWN")]
    public void Maps_states_to_status_as_nova_does(string vmState, string? taskState, string expected) =>
        ServerStatusMapper.ToStatus(vmState, taskState).Should().Be(expected);

    [Fact]
    public void A_deleted_record_is_always_DELETED() =>
        ServerStatusMapper.ToStatus(VmState.Active, null, deleted: true).Should().Be(ServerStatus.Deleted);

    [Fact]
    public void ACTIVE_filter_selects_the_vm_state_without_a_task_filter()
    {
        var filter = ServerStatusMapper.ToFilter("active")!;
        filter.VmStates.Should().Equal(VmState.Active);
        filter.TaskStates.Should().BeNull();
    }

    [Fact]
    public void REBUILD_filter_unions_the_rows_that_yield_it()
    {
        var filter = ServerStatusMapper.ToFilter("REBUILD")!;
        filter.VmStates.Should().BeEquivalentTo([VmState.Active, VmState.Stopped, VmState.Error]);
        filter.TaskStates.Should().BeEquivalentTo([TaskState.Rebuilding, TaskState.RebuildBlockDeviceMapping, TaskState.RebuildSpawning]);
    }

    [Fact]
    public void MIGRATING_filter_covers_active_and_paused()
    {
        var filter = ServerStatusMapper.ToFilter("MIGRATING")!;
        filter.VmStates.Should().BeEquivalentTo([VmState.Active, VmState.Paused]);
        filter.TaskStates.Should().Equal(TaskState.Migrating);
    }

    [Theory]
    [InlineData("UNKNOWN")]
    [InlineData("STOPPING")]
    [InlineData("")]
    public void Unknown_statuses_have_no_filter(string status) => ServerStatusMapper.ToFilter(status).Should().BeNull();
}
