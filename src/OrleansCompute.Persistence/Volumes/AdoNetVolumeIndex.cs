using System.Data;
using System.Data.Common;
using System.Text.Json;
using OrleansCompute.Faults;
using OrleansCompute.Persistence.Index;
using OrleansCompute.Volumes;

namespace OrleansCompute.Persistence.Volumes;

/// <summary>
/// The block storage index over ADO.NET, the same on every database: version-guarded upserts, and pages newest
/// first (created_at desc, id desc) by keyset from a marker. Filters the SQL cannot express (metadata, bootable...)
/// and any other sort order run in code over the rows the SQL filters left, before the page is cut, so paging stays
/// exact and a marker means "after this row in this order".
/// </summary>
public abstract class AdoNetVolumeIndex : IVolumeIndex
{
    private const string VolumeKind = "volume";
    private const string SnapshotKind = "snapshot";

    private readonly DbDataSource _writeDataSource;
    private readonly DbDataSource _readDataSource;
    private readonly ServerIndexDialect _dialect;

    private protected AdoNetVolumeIndex(DbDataSource writeDataSource, DbDataSource readDataSource, ServerIndexDialect dialect)
    {
        _writeDataSource = writeDataSource;
        _readDataSource = readDataSource;
        _dialect = dialect;
    }

    public Task UpsertAsync(VolumeRecord volume, CancellationToken cancellationToken = default) =>
        UpsertCoreAsync(VolumeKind, volume.Id, volume.ProjectId, null, volume.Name, volume.Status, volume.CreatedAt, volume.Deleted, volume.Revision,
            JsonSerializer.Serialize(volume, VolumeRecordJsonContext.Default.VolumeRecord), cancellationToken);

    public Task UpsertAsync(VolumeSnapshotRecord snapshot, CancellationToken cancellationToken = default) =>
        UpsertCoreAsync(SnapshotKind, snapshot.Id, snapshot.ProjectId, snapshot.VolumeId.ToString("D"), snapshot.Name, snapshot.Status, snapshot.CreatedAt,
            snapshot.Deleted, snapshot.Revision, JsonSerializer.Serialize(snapshot, VolumeRecordJsonContext.Default.VolumeSnapshotRecord), cancellationToken);

    public async Task<IReadOnlyList<VolumeRecord>> QueryVolumesAsync(
        VolumeIndexQuery query, Func<VolumeRecord, bool>? matches = null, CancellationToken cancellationToken = default) =>
        Page(query, matches, VolumeSortKeys.Volume, v => v.Id, (await QueryCoreAsync(VolumeKind, query, matches is null, cancellationToken).ConfigureAwait(false))
            .Select(json => JsonSerializer.Deserialize(json, VolumeRecordJsonContext.Default.VolumeRecord)!));

    public async Task<IReadOnlyList<VolumeSnapshotRecord>> QuerySnapshotsAsync(
        VolumeIndexQuery query, Func<VolumeSnapshotRecord, bool>? matches = null, CancellationToken cancellationToken = default) =>
        Page(query, matches, VolumeSortKeys.Snapshot, s => s.Id, (await QueryCoreAsync(SnapshotKind, query, matches is null, cancellationToken).ConfigureAwait(false))
            .Select(json => JsonSerializer.Deserialize(json, VolumeRecordJsonContext.Default.VolumeSnapshotRecord)!));

    /// <summary>
    /// The page of rows the SQL could not cut itself: it left filters to code, or the order is not the default one
    /// (then every row the SQL filters left is sorted here, and the marker is the row after which the page starts).
    /// </summary>
    private static IReadOnlyList<T> Page<T>(
        VolumeIndexQuery query, Func<T, bool>? matches, IReadOnlyDictionary<string, Func<T, IComparable?>> keys, Func<T, Guid> id, IEnumerable<T> rows)
    {
        if (query.Sort is not { } sort)
        {
            return matches is null ? [.. rows] : [.. rows.Where(matches).Skip(query.Offset).Take(query.Limit)];
        }

        var ordered = rows.Order(VolumeSortKeys.Comparer(sort, keys)).ToList();
        if (query.Marker is { } marker)
        {
            var at = ordered.FindIndex(row => id(row) == marker);
            ordered = at >= 0 ? ordered[(at + 1)..] : throw ComputeFaultException.NotFound($"Marker {marker} could not be found.");
        }

        return [.. ordered.Where(matches ?? (_ => true)).Skip(query.Offset).Take(query.Limit)];
    }

    private async Task UpsertCoreAsync(
        string kind, Guid id, string projectId, string? volumeId, string? name, string status, DateTimeOffset createdAt, bool deleted, long revision, string json,
        CancellationToken cancellationToken)
    {
        var connection = await _writeDataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.CreateCommand();
            // One statement: an older record arriving late never replaces a newer one.
            command.CommandText = $"""
                INSERT INTO {VolumeIndexSchema.Table} (id, kind, project_id, volume_id, name, status, created_at, deleted, revision, record)
                VALUES (@id, @kind, @project_id, @volume_id, @name, @status, @created_at, @deleted, @revision, @record)
                ON CONFLICT (id) DO UPDATE SET
                    name = excluded.name, status = excluded.status, deleted = excluded.deleted,
                    revision = excluded.revision, record = excluded.record
                WHERE excluded.revision > {VolumeIndexSchema.Table}.revision;
                """;
            CommandParameters.Add(command, "@id", _dialect.ServerId(id));
            CommandParameters.Add(command, "@kind", kind);
            CommandParameters.Add(command, "@project_id", projectId);
            CommandParameters.Add(command, "@volume_id", volumeId, DbType.String);
            CommandParameters.Add(command, "@name", name, DbType.String);
            CommandParameters.Add(command, "@status", status);
            CommandParameters.Add(command, "@created_at", UnixMicroseconds.From(createdAt));
            CommandParameters.Add(command, "@deleted", deleted, DbType.Boolean);
            CommandParameters.Add(command, "@revision", revision);
            _dialect.SetSnapshot(CommandParameters.Add(command, "@record", null), json);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<string>> QueryCoreAsync(string kind, VolumeIndexQuery query, bool cutInSql, CancellationToken cancellationToken)
    {
        // Another order than newest first is sorted in code over every filtered row: the SQL neither pages nor orders it.
        var keysetInSql = query.Sort is null;
        cutInSql &= keysetInSql;
        var connection = await _readDataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.CreateCommand();
            var where = new List<string> { "kind = @kind", "deleted = @deleted" };
            CommandParameters.Add(command, "@kind", kind);
            CommandParameters.Add(command, "@deleted", false, DbType.Boolean);
            if (query.ProjectId is { } project)
            {
                where.Add("project_id = @project_id");
                CommandParameters.Add(command, "@project_id", project);
            }

            if (query.Name is { } name)
            {
                where.Add("name = @name");
                CommandParameters.Add(command, "@name", name);
            }

            if (query.Status is { } status)
            {
                where.Add("status = @status");
                CommandParameters.Add(command, "@status", status);
            }

            if (query.VolumeId is { } volumeId)
            {
                where.Add("volume_id = @volume_id");
                CommandParameters.Add(command, "@volume_id", volumeId.ToString("D"));
            }

            if (keysetInSql && query.Marker is { } marker)
            {
                var createdAt = await MarkerCreatedAtAsync(connection, kind, marker, cancellationToken).ConfigureAwait(false)
                    ?? throw ComputeFaultException.NotFound($"Marker {marker} could not be found.");
                where.Add("(created_at < @marker_created OR (created_at = @marker_created AND id < @marker_id))");
                CommandParameters.Add(command, "@marker_created", createdAt);
                CommandParameters.Add(command, "@marker_id", _dialect.ServerId(marker));
            }

            var cut = cutInSql ? $" LIMIT {query.Limit} OFFSET {query.Offset}" : "";
            command.CommandText = $"SELECT record FROM {VolumeIndexSchema.Table} WHERE {string.Join(" AND ", where)} ORDER BY created_at DESC, id DESC{cut};";
            var rows = new List<string>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(reader.GetString(0));
                }
            }

            return rows;
        }
    }

    private static async Task<long?> MarkerCreatedAtAsync(DbConnection connection, string kind, Guid marker, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT created_at FROM {VolumeIndexSchema.Table} WHERE kind = @kind AND CAST(id AS TEXT) = @id;";
        CommandParameters.Add(command, "@kind", kind);
        CommandParameters.Add(command, "@id", marker.ToString("D"));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
