using OrleansCompute.Images;
using OrleansCompute.Persistence.ImageData;
using OrleansCompute.Persistence.Postgres;
using OrleansCompute.Tests.Cluster;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Images;

/// <summary>
/// Both image data stores: data comes back byte for byte across chunk boundaries, a write replaces, a write that
/// fails half way leaves nothing, a delete removes. The database store runs on the test PostgreSQL server.
/// </summary>
public sealed class ImageDataStoreTests
{
    // Over two of the database store's 1 MiB chunks, and not a multiple of any buffer.
    private const int Length = 2 * PostgresImageDataStore.ChunkBytes + 12345;

    [Fact]
    public async Task The_directory_store_keeps_replaces_and_deletes_data()
    {
        using var directory = new TempDirectory();
        await StoreRoundTripAsync(new DirectoryImageDataStore(Path.Combine(directory.Path, "images")));
        Directory.GetFiles(Path.Combine(directory.Path, "images")).Should().BeEmpty("a failed write leaves no temporary file");
    }

    [Fact]
    public async Task The_database_store_keeps_replaces_and_deletes_data()
    {
        await using var cluster = await ClusterDatabase.CreateAsync();
        await using var database = new PostgresComputeDatabase(cluster.ConnectionString);
        await database.EnsureSchemaAsync();
        await StoreRoundTripAsync(new PostgresImageDataStore(database));
        (await cluster.ScalarAsync("SELECT count(*) FROM compute_image_data;")).Should().Be(0);
    }

    private static async Task StoreRoundTripAsync(IImageDataStore store)
    {
        var id = Guid.NewGuid().ToString();
        var data = GeneratedData.Bytes(Length, 1);
        (await store.OpenAsync(id, CancellationToken.None)).Should().BeNull();

        await store.WriteAsync(id, new GeneratedData(Length, 1), CancellationToken.None);
        (await ReadAsync(store, id)).Should().Equal(data);
        (await ReadAsync(store, id, from: PostgresImageDataStore.ChunkBytes + 7)).Should().Equal(data[(PostgresImageDataStore.ChunkBytes + 7)..], "a ranged read seeks into a later chunk");
        (await ReadAsync(store, id, from: Length)).Should().BeEmpty();

        var copy = Guid.NewGuid().ToString();
        (await store.CopyAsync(id, copy, CancellationToken.None)).Should().BeTrue();
        (await ReadAsync(store, copy)).Should().Equal(data, "a snapshot's data is a copy of its base's");
        (await store.CopyAsync(Guid.NewGuid().ToString(), copy, CancellationToken.None)).Should().BeFalse("a source without data copies nothing");
        await store.DeleteAsync(copy, CancellationToken.None);

        var shorter = GeneratedData.Bytes(1000, 2);
        await store.WriteAsync(id, new GeneratedData(1000, 2), CancellationToken.None);
        (await ReadAsync(store, id)).Should().Equal(shorter, "a write replaces the data");

        var other = Guid.NewGuid().ToString();
        var failing = () => store.WriteAsync(other, new GeneratedData(Length, 1, failAfter: PostgresImageDataStore.ChunkBytes + 10), CancellationToken.None);
        await failing.Should().ThrowAsync<IOException>();
        (await store.OpenAsync(other, CancellationToken.None)).Should().BeNull("a write that failed half way leaves nothing");

        await store.DeleteAsync(id, CancellationToken.None);
        (await store.OpenAsync(id, CancellationToken.None)).Should().BeNull();
    }

    private static async Task<byte[]> ReadAsync(IImageDataStore store, string id, long from = 0)
    {
        var stored = (await store.OpenAsync(id, CancellationToken.None))!;
        await using var stream = stored.Stream;
        stream.Seek(from, SeekOrigin.Begin);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        copy.Length.Should().Be(stored.Length - from);
        return copy.ToArray();
    }
}
