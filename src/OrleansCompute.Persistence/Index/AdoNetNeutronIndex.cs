using System.Data.Common;
using OrleansCompute.Networking;

namespace OrleansCompute.Persistence.Index;

/// <summary>
/// The network index (table compute_neutron_resources) over ADO.NET: the same SQL on SQLite and PostgreSQL
/// (both take <c>@name</c> parameters and <c>ON CONFLICT ... DO UPDATE</c>). An upsert only ever raises a row's
/// revision, so a late write never undoes a newer one.
/// </summary>
public sealed class AdoNetNeutronIndex(DbDataSource writeDataSource, DbDataSource readDataSource) : INeutronIndex
{
    private const string Upsert = """
        INSERT INTO compute_neutron_resources (kind, id, project_id, parent_id, visible_to_all, revision, body)
        VALUES (@kind, @id, @project_id, @parent_id, @visible_to_all, @revision, @body)
        ON CONFLICT (kind, id) DO UPDATE
        SET project_id = excluded.project_id, parent_id = excluded.parent_id, visible_to_all = excluded.visible_to_all,
            revision = excluded.revision, body = excluded.body
        WHERE compute_neutron_resources.revision <= excluded.revision
        """;

    public async Task UpsertAsync(NeutronIndexRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        var connection = await writeDataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = Upsert;
                Add(command, "@kind", row.Kind);
                Add(command, "@id", row.Id);
                Add(command, "@project_id", row.ProjectId);
                Add(command, "@parent_id", row.ParentId);
                Add(command, "@visible_to_all", row.VisibleToAll ? 1 : 0);
                Add(command, "@revision", row.Revision);
                Add(command, "@body", row.Body);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task DeleteAsync(string kind, string id, CancellationToken cancellationToken = default)
    {
        var connection = await writeDataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "DELETE FROM compute_neutron_resources WHERE kind = @kind AND id = @id";
                Add(command, "@kind", kind);
                Add(command, "@id", id);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<IReadOnlyList<NeutronIndexRow>> QueryAsync(NeutronIndexQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var connection = await readDataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                var sql = "SELECT kind, id, project_id, parent_id, visible_to_all, revision, body FROM compute_neutron_resources WHERE kind = @kind";
                Add(command, "@kind", query.Kind);
                if (query.ProjectId is not null)
                {
                    sql += " AND (project_id = @project_id OR visible_to_all = 1)";
                    Add(command, "@project_id", query.ProjectId);
                }

                if (query.ParentId is not null)
                {
                    sql += " AND parent_id = @parent_id";
                    Add(command, "@parent_id", query.ParentId);
                }

                if (query.Ids is { } ids)
                {
                    if (ids.Count == 0)
                    {
                        return [];
                    }

                    var names = new List<string>(ids.Count);
                    for (var i = 0; i < ids.Count; i++)
                    {
                        names.Add($"@id{i}");
                        Add(command, $"@id{i}", ids[i]);
                    }

                    sql += $" AND id IN ({string.Join(", ", names)})";
                }

                command.CommandText = sql + " ORDER BY id";
                var rows = new List<NeutronIndexRow>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add(new NeutronIndexRow
                        {
                            Kind = reader.GetString(0),
                            Id = reader.GetString(1),
                            ProjectId = reader.GetString(2),
                            ParentId = reader.GetString(3),
                            VisibleToAll = Convert.ToInt64(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture) != 0,
                            Revision = Convert.ToInt64(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture),
                            Body = reader.GetString(6),
                        });
                    }
                }

                return rows;
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
