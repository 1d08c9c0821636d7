using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using OrleansCompute.Images;
using OrleansCompute.Persistence.Index;

namespace OrleansCompute.Persistence.Images;

/// <summary>
/// The image index (table compute_images) over ADO.NET: the same SQL on SQLite and PostgreSQL. The SQL picks the
/// rows a caller's list may start from (owner, visibility, membership); the image list's filters, sort and paging
/// run in code over those records, as they did over the directories' records.
/// </summary>
public sealed class AdoNetImageIndex(DbDataSource writeDataSource, DbDataSource readDataSource) : IImageIndex
{
    private const string Upsert = """
        INSERT INTO compute_images (id, owner_project_id, visibility, members, created_at, revision, body)
        VALUES (@id, @owner_project_id, @visibility, @members, @created_at, @revision, @body)
        ON CONFLICT (id) DO UPDATE
        SET owner_project_id = excluded.owner_project_id, visibility = excluded.visibility, members = excluded.members,
            created_at = excluded.created_at, revision = excluded.revision, body = excluded.body
        WHERE compute_images.revision <= excluded.revision
        """;

    public async Task UpsertAsync(SnapshotImage image, long revision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        await ExecuteAsync(Upsert, command =>
        {
            Add(command, "@id", image.Id);
            Add(command, "@owner_project_id", image.OwnerProjectId);
            Add(command, "@visibility", image.Visibility);
            Add(command, "@members", ImageMembersColumn.Of(image));
            Add(command, "@created_at", UnixMicroseconds.From(image.Created));
            Add(command, "@revision", revision);
            Add(command, "@body", JsonSerializer.Serialize(image, ImageRecordJsonContext.Default.SnapshotImage));
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteAsync(string imageId, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM compute_images WHERE id = @id", command => Add(command, "@id", imageId), cancellationToken);

    public async Task<IReadOnlyList<SnapshotImage>> QueryAsync(ImageIndexScope scope, string? projectId, CancellationToken cancellationToken = default)
    {
        var connection = await readDataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                var where = scope switch
                {
                    ImageIndexScope.All => "",
                    ImageIndexScope.Owned => " WHERE owner_project_id = @project_id",
                    _ => " WHERE owner_project_id = @project_id OR visibility IN ('public', 'community')"
                         + " OR (visibility = 'shared' AND members LIKE @member)",
                };
                if (scope != ImageIndexScope.All)
                {
                    ArgumentNullException.ThrowIfNull(projectId);
                    Add(command, "@project_id", projectId);
                    Add(command, "@member", ImageMembersColumn.Naming(projectId));
                }

                command.CommandText = $"SELECT body FROM compute_images{where} ORDER BY created_at, id";
                var images = new List<SnapshotImage>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        images.Add(JsonSerializer.Deserialize(reader.GetString(0), ImageRecordJsonContext.Default.SnapshotImage)!);
                    }
                }

                return images;
            }
        }
    }

    private async Task ExecuteAsync(string sql, Action<DbCommand> parameters, CancellationToken cancellationToken)
    {
        var connection = await writeDataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = sql;
                parameters(command);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
