namespace OrleansCompute.Images;

/// <summary>
/// The directory of images that earlier releases kept per project and for all images; now only the source of the
/// image index's one-time backfill (see <see cref="IImageDirectoryGrain"/>). Every image of the cluster is in the
/// <see cref="ImageDirectories.All"/> directory, so backfilling that one covers them all.
/// </summary>
[GrainType("compute-image-directory")]
internal sealed class ImageDirectoryGrain(
    [PersistentState("image-directory", ComputeStorage.ProviderName)] IPersistentState<ImageDirectoryState> state) : Grain, IImageDirectoryGrain
{
    public async Task BackfillIndexAsync()
    {
        if (state.State.Indexed)
        {
            return;
        }

        // An image deleted since has no state and writes nothing; one changed since writes its newer row again (same revision).
        await Task.WhenAll(state.State.ImageIds.Select(id => GrainFactory.GetGrain<IImageGrain>(id).ReindexAsync()));
        state.State.Indexed = true;
        await state.WriteStateAsync();
    }
}
