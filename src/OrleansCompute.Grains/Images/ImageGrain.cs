namespace OrleansCompute.Images;

/// <summary>
/// One snapshot image (Nova's Glance record): created SAVING by the server grain taking the snapshot, then
/// marked ACTIVE or deleted. Durable in the compute storage, so it survives restarts and every silo and front
/// reaches the same record.
/// </summary>
[GrainType("compute-image")]
internal sealed class ImageGrain(
    [PersistentState("image", ComputeStorage.ProviderName)] IPersistentState<ImageState> state) : Grain, IImageGrain
{
    public async Task CreateAsync(SnapshotImage image)
    {
        if (state.State.Image is not null)
        {
            return;
        }

        // Listed first: a list may then show an id whose record is not written yet (readers skip it), never miss an image.
        await Directory(image.OwnerProjectId).AddAsync(image.Id);
        state.State.Image = image;
        await state.WriteStateAsync();
    }

    public async Task MarkActiveAsync(DateTimeOffset at)
    {
        if (state.State.Image is not { IsActive: false } image)
        {
            return;
        }

        state.State.Image = image with { Status = SnapshotImage.Active, Updated = at };
        await state.WriteStateAsync();
    }

    public async Task DeleteAsync()
    {
        // Only an unfinished snapshot goes: an ACTIVE image is final (ImageLookup caches it on that promise), so a
        // delete racing the end of its snapshot leaves it.
        if (state.State.Image is not { IsActive: false } image)
        {
            return;
        }

        await state.ClearStateAsync();
        state.State.Image = null;
        await Directory(image.OwnerProjectId).RemoveAsync(image.Id);
    }

    public Task<SnapshotImage?> GetAsync() => Task.FromResult(state.State.Image);

    private IImageDirectoryGrain Directory(string projectId) => GrainFactory.GetGrain<IImageDirectoryGrain>(projectId);
}
