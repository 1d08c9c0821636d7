using OrleansCompute.Images;
using OrleansCompute.Persistence.Images;
using OrleansCompute.Persistence.Postgres;
using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.Tests.Cluster;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Images;

/// <summary>
/// The image index (compute_images) made by each database's schema, with one SQL text: the rows an admin, an owner
/// and a member list start from, an upsert that never lowers a revision, and a delete.
/// </summary>
public sealed class ImageIndexTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_SQLite_and_PostgreSQL_schema_scripts_are_the_same_text()
    {
        var sqlite = EmbeddedSqliteScripts.Schema.Single(s => s.Key == "05-compute-images.sql").Value;
        var postgres = EmbeddedPostgresScripts.All.Single(s => s.Key == "10-compute-images.sql").Value;
        sqlite.Should().Be(postgres).And.Contain("CREATE TABLE IF NOT EXISTS compute_images");
    }

    [Fact]
    public async Task Sqlite_index_answers_as_the_image_lists_need()
    {
        using var directory = new TempDirectory();
        await using var database = new SqliteComputeDatabase(Path.Combine(directory.Path, "compute.db"));
        await database.EnsureSchemaAsync();
        await ExerciseAsync(new AdoNetImageIndex(database.WriteDataSource, database.ReadDataSource));
    }

    [Fact]
    public async Task Postgres_index_answers_the_same()
    {
        await using var schema = await ClusterDatabase.CreateAsync();
        await using var database = new PostgresComputeDatabase(schema.ConnectionString);
        await database.EnsureSchemaAsync();
        await ExerciseAsync(new AdoNetImageIndex(database.DataSource, database.DataSource));
    }

    private static async Task ExerciseAsync(IImageIndex index)
    {
        var own = Image("a", ImageVisibility.Private, 1);
        var published = Image("b", ImageVisibility.Public, 2);
        var community = Image("b", ImageVisibility.Community, 3);
        var sharedWithA = Image("b", ImageVisibility.Shared, 4) with
        {
            Members = [new ImageMember { ProjectId = "a", Status = ImageMember.Pending }, new ImageMember { ProjectId = "c", Status = ImageMember.Accepted }],
        };
        var sharedWithC = Image("b", ImageVisibility.Shared, 5) with { Members = [new ImageMember { ProjectId = "c", Status = ImageMember.Accepted }] };
        var privateOfB = Image("b", ImageVisibility.Private, 6);
        foreach (var image in new[] { own, published, community, sharedWithA, sharedWithC, privateOfB })
        {
            await index.UpsertAsync(image, 1);
        }

        (await index.QueryAsync(ImageIndexScope.All, null)).Select(i => i.Id).Should().Equal(
            [own.Id, published.Id, community.Id, sharedWithA.Id, sharedWithC.Id, privateOfB.Id], "every image, oldest first");
        (await index.QueryAsync(ImageIndexScope.Owned, "a")).Select(i => i.Id).Should().Equal(own.Id);
        (await index.QueryAsync(ImageIndexScope.Visible, "a")).Select(i => i.Id).Should().Equal(
            [own.Id, published.Id, community.Id, sharedWithA.Id], "a member in any status, never another's private or shared image");

        var read = (await index.QueryAsync(ImageIndexScope.Owned, "b")).Single(i => i.Id == sharedWithA.Id);
        read.Members.Should().BeEquivalentTo(sharedWithA.Members);
        read.Created.Should().Be(sharedWithA.Created);
        read.Metadata.Should().Equal(sharedWithA.Metadata);

        await index.UpsertAsync(own with { Name = "renamed" }, 3);
        await index.UpsertAsync(own with { Name = "late" }, 2);
        (await index.QueryAsync(ImageIndexScope.Owned, "a")).Single().Name.Should().Be("renamed", "a late write of an older revision never replaces a newer one");

        await index.UpsertAsync(sharedWithA with { Visibility = ImageVisibility.Private }, 2);
        (await index.QueryAsync(ImageIndexScope.Visible, "a")).Select(i => i.Id).Should().NotContain(sharedWithA.Id, "the row follows the record's visibility");

        await index.DeleteAsync(own.Id);
        (await index.QueryAsync(ImageIndexScope.Owned, "a")).Should().BeEmpty();
    }

    private static SnapshotImage Image(string owner, string visibility, int minute) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Name = $"image-{minute}",
        Status = SnapshotImage.Active,
        OwnerProjectId = owner,
        Visibility = visibility,
        Created = Start.AddMinutes(minute),
        Updated = Start.AddMinutes(minute),
        Metadata = new Dictionary<string, string> { ["image_type"] = "snapshot" },
    };
}
