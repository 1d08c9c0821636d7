namespace OrleansCompute.Volumes;

/// <summary>
/// <c>os-reimage</c>: the volume goes <c>downloading</c> while the backend writes the image, then back to the status
/// it had (or <c>error</c>); then, as Cinder does, it tells each server it is reserved for (<c>volume-reimaged</c>),
/// which is how Nova's rebuild of a volume-backed server learns that its root volume is ready.
/// </summary>
internal sealed partial class VolumeGrain
{
    public Task ReimageAsync(Identity.CallerContext caller, string imageId, IReadOnlyDictionary<string, string> imageMetadata, bool reimageReserved) =>
        _gate.RunAsync(async () =>
        {
            var volume = Visible(caller);
            if (volume.Status == VolumeStatus.Downloading && state.State.ReimageImageId == imageId)
            {
                return;
            }

            if (volume.Attachments.Count > 1)
            {
                throw Faults.ComputeFaultException.Conflict($"Volume {volume.Id} has more than one attachment and cannot be reimaged.");
            }

            var allowed = volume.Status is VolumeStatus.Available or VolumeStatus.Error || (reimageReserved && volume.Status == VolumeStatus.Reserved);
            if (!allowed)
            {
                throw VolumeFaults.InvalidVolume(
                    $"Volume {volume.Id} status must be available or error, or reserved with reimage_reserved, but current status is: {volume.Status}.");
            }

            state.State.ReimageImageId = imageId;
            state.State.ReimageMetadata = imageMetadata;
            state.State.StatusBeforeReimage = volume.Status;
            await CommitAsync(volume with { Status = VolumeStatus.Downloading });
            ResumeWork();
        });

    private async Task FinishReimageAsync()
    {
        var imageId = state.State.ReimageImageId!;
        var written = await BackendAsync("reimage", volume => backend.ReimageAsync(volume, imageId, CancellationToken.None));
        VolumeRecord? ended = null;
        await _gate.RunAsync(async () =>
        {
            if (Current is not { Status: VolumeStatus.Downloading } volume)
            {
                return;
            }

            var before = state.State.StatusBeforeReimage ?? VolumeStatus.Available;
            var metadata = state.State.ReimageMetadata;
            state.State.ReimageImageId = null;
            state.State.ReimageMetadata = null;
            state.State.StatusBeforeReimage = null;
            ended = written
                ? volume with { Status = before, ImageId = imageId, ImageMetadata = metadata, Bootable = true }
                : volume with { Status = VolumeStatus.Error };
            await CommitAsync(ended);
        });

        // Cinder's volume-reimaged event, to each server the volume is reserved for (Nova's rebuild waits for it).
        foreach (var server in ended?.Attachments.Select(a => a.ServerId).OfType<Guid>().Distinct() ?? [])
        {
            await GrainFactory.GetGrain<IServerVolumesGrain>(server).VolumeReimagedAsync(Id, written);
        }
    }
}
