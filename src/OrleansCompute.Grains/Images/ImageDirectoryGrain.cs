namespace OrleansCompute.Images;

/// <summary>
/// The snapshot images of one project. A per-project grain rather than one directory for everybody or a table:
/// image lists and snapshots are rare, one project's are never contended by another's, and no compute request
/// (create, show, actions) calls it; those find an image by id through its own grain.
/// </summary>
[GrainType("compute-image-directory")]
internal sealed class ImageDirectoryGrain(
    [PersistentState("image-directory", ComputeStorage.ProviderName)] IPersistentState<ImageDirectoryState> state) : Grain, IImageDirectoryGrain
{
    public async Task AddAsync(string imageId)
    {
        if (state.State.ImageIds.Contains(imageId, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        state.State.ImageIds.Add(imageId);
        await state.WriteStateAsync();
    }

    public async Task RemoveAsync(string imageId)
    {
        if (state.State.ImageIds.RemoveAll(id => string.Equals(id, imageId, StringComparison.OrdinalIgnoreCase)) > 0)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.ImageIds]);
}
