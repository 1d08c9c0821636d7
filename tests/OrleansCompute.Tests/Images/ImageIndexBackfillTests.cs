using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansCompute.Images;
using OrleansCompute.Tests.Hardening;

namespace OrleansCompute.Tests.Images;

/// <summary>
/// Images made before the image index existed are known only to the image directory of earlier releases. Its
/// backfill has each of them write its index row, once: a directory that already backfilled does nothing again.
/// </summary>
[Collection(OutboxCollection.Name)]
public sealed class ImageIndexBackfillTests(OutboxFixture fixture)
{
    private IGrainStorage Storage => fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(ComputeStorage.ProviderName);

    private IImageIndex Index => fixture.SiloServices.GetRequiredService<IImageIndex>();

    [Fact]
    public async Task Images_known_only_to_the_directory_get_their_index_rows_once()
    {
        var owner = "p-" + Guid.NewGuid().ToString("N")[..8];
        var old = Guid.NewGuid().ToString();
        var gone = Guid.NewGuid().ToString();
        await fixture.Grains.GetGrain<IImageGrain>(old).CreateAsync(new SnapshotImage
        {
            Id = old, Name = "from-before", Status = SnapshotImage.Active, OwnerProjectId = owner, Created = DateTimeOffset.UtcNow, Updated = DateTimeOffset.UtcNow,
        });
        // As an earlier release left it: the record and the directory's id, no index row.
        await Index.DeleteAsync(old);
        (await Index.QueryAsync(ImageIndexScope.Owned, owner)).Should().BeEmpty();
        var directoryKey = "backfill-" + Guid.NewGuid().ToString("N");
        await Storage.WriteStateAsync(
            "image-directory", GrainId.Create("compute-image-directory", directoryKey), new GrainState<ImageDirectoryState>(new ImageDirectoryState { ImageIds = [old, gone] }));

        var directory = fixture.Grains.GetGrain<IImageDirectoryGrain>(directoryKey);
        await directory.BackfillIndexAsync();

        (await Index.QueryAsync(ImageIndexScope.Owned, owner)).Select(i => (i.Id, i.Name)).Should().Equal([(old, "from-before")],
            "the directory's image is listed again; the deleted one writes nothing");
        (await Index.QueryAsync(ImageIndexScope.All, null)).Select(i => i.Id).Should().NotContain(gone);

        await Index.DeleteAsync(old);
        await directory.BackfillIndexAsync();
        (await Index.QueryAsync(ImageIndexScope.Owned, owner)).Should().BeEmpty("the backfill ran once; later images write their own rows");
        var stored = new GrainState<ImageDirectoryState>();
        await Storage.ReadStateAsync("image-directory", GrainId.Create("compute-image-directory", directoryKey), stored);
        stored.State!.Indexed.Should().BeTrue("the next activation, on any silo, skips it too");
    }
}
