using OrleansCompute.Events;
using OrleansCompute.Servers;

namespace OrleansCompute.Tests.Unit;

public sealed class InstanceEventTypesTests
{
    private static readonly ServerSnapshot Active = new()
    {
        Id = Guid.NewGuid(),
        ProjectId = "p",
        UserId = "u",
        Name = "vm",
        ImageRef = "i",
        Flavor = new FlavorSnapshot { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 },
        VmState = VmState.Active,
        PowerState = PowerState.Running,
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        InstanceName = "instance-1",
        Hostname = "vm",
        ReservationId = "r-1",
    };

    private static IEnumerable<string> Names(ServerSnapshot? before, ServerSnapshot after) => InstanceEventTypes.For(before, after).Select(e => e.EventType);

    [Fact]
    public void A_new_server_starts_its_create_and_one_that_could_not_be_placed_also_errors_it() =>
        Names(null, Active with { VmState = VmState.Error }).Should().Equal("instance.create.start", "instance.create.error");

    [Fact]
    public void Leaving_an_actions_task_states_ends_it_and_entering_anothers_starts_that()
    {
        var shelving = Active with { VmState = VmState.Shelved, TaskState = TaskState.ShelvingImageUploading };
        Names(shelving, shelving with { TaskState = TaskState.ShelvingOffloading }).Should().Equal("instance.shelve.end", "instance.shelve_offload.start");
        Names(Active with { TaskState = TaskState.ResizePrep }, Active with { TaskState = TaskState.ResizeMigrating }).Should().BeEmpty("steps inside one action publish nothing");
    }

    [Fact]
    public void An_action_that_leaves_the_server_in_error_ends_with_error_priority()
    {
        var events = InstanceEventTypes.For(Active with { TaskState = TaskState.Rebooting }, Active with { VmState = VmState.Error });
        events.Should().Equal([("instance.reboot.error", "ERROR")]);
    }

    [Fact]
    public void Deletes_locks_and_resets_have_their_own_events()
    {
        Names(Active with { VmState = VmState.Error }, Active with { VmState = VmState.Deleted, Deleted = true }).Should().Equal("instance.delete.start", "instance.delete.end");
        Names(Active with { TaskState = TaskState.Deleting }, Active with { VmState = VmState.Deleted, Deleted = true }).Should().Equal("instance.delete.end");
        Names(Active, Active with { Locked = true }).Should().Equal("instance.lock");
        Names(Active, Active with { VmState = VmState.Error }).Should().Equal("instance.update");
    }
}
