namespace OrleansCompute.Volumes;

/// <summary>
/// The volume's side of Nova's attach protocol after a crash: an attachment for a server that is not attached yet
/// is settled by asking that server whether it holds it (the server then finishes its intent); one the server does
/// not hold (it never wrote it, rolled it back, or is gone) is removed, so no volume stays reserved or attaching
/// forever. Runs from the resume reminder, which stays registered while such an attachment exists.
/// </summary>
internal sealed partial class VolumeGrain
{
    private async Task SettleReservationsAsync()
    {
        if (Current is not { } volume)
        {
            return;
        }

        foreach (var attachment in volume.Attachments.Where(a => a.ServerId is not null && a.Status != AttachmentStatus.Attached).ToList())
        {
            var held = await GrainFactory.GetGrain<IServerVolumesGrain>(attachment.ServerId!.Value).HoldsVolumeAttachmentAsync(Id, attachment.Id);
            if (!held)
            {
                await _gate.RunAsync(async () =>
                {
                    if (Current is { } latest)
                    {
                        await RemoveAttachmentCoreAsync(latest, attachment.Id);
                    }
                });
            }
        }
    }
}
