using Npgsql;

namespace OrleansCompute.Persistence.Postgres;

/// <summary>
/// What the built-in identity service shares between the nodes of a cluster (tables compute_identity_passwords and
/// compute_identity_token_keys, created by init-db): generated passwords and the token key ring. Synchronous on
/// purpose: it is read once at start-up, and ASP.NET Core Data Protection's key repository contract is synchronous.
/// </summary>
public sealed class PostgresIdentityStore
{
    // Any constant shared by every OrleansCompute process; "OCTOKKEY" in ASCII.
    private const long TokenKeyLockKey = 0x4F43544F4B4B4559;

    private const string UndefinedTable = "42P01";

    private readonly NpgsqlDataSource _dataSource;

    public PostgresIdentityStore(PostgresComputeDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _dataSource = database.DataSource;
    }

    /// <summary>
    /// Stores <paramref name="candidates"/> (user name to generated password) for the users that have no stored
    /// password yet, and returns every stored password: whichever node inserted first wins, and all agree on it.
    /// </summary>
    public IReadOnlyDictionary<string, string> AddPasswords(IReadOnlyDictionary<string, string> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return Translate(() =>
        {
            using var connection = _dataSource.OpenConnection();
            if (candidates.Count > 0)
            {
                using var insert = new NpgsqlCommand(
                    "INSERT INTO compute_identity_passwords (user_name, password) SELECT * FROM unnest(@names, @passwords) ON CONFLICT (user_name) DO NOTHING;",
                    connection);
                insert.Parameters.AddWithValue("names", candidates.Keys.ToArray());
                insert.Parameters.AddWithValue("passwords", candidates.Values.ToArray());
                insert.ExecuteNonQuery();
            }

            var stored = new Dictionary<string, string>(StringComparer.Ordinal);
            using var select = new NpgsqlCommand("SELECT user_name, password FROM compute_identity_passwords;", connection);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                stored[reader.GetString(0)] = reader.GetString(1);
            }

            return (IReadOnlyDictionary<string, string>)stored;
        });
    }

    /// <summary>Every token key element, as stored (XML text), oldest first.</summary>
    public IReadOnlyList<string> TokenKeys() => Translate(() =>
    {
        using var command = _dataSource.CreateCommand("SELECT xml FROM compute_identity_token_keys ORDER BY created_at, name;");
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return (IReadOnlyList<string>)keys;
    });

    /// <summary>Stores a key element under its unique name; storing the same name again changes nothing.</summary>
    public void AddTokenKey(string name, string xml)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(xml);
        Translate(() =>
        {
            using var command = _dataSource.CreateCommand(
                "INSERT INTO compute_identity_token_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO NOTHING;");
            command.Parameters.AddWithValue("name", name);
            command.Parameters.AddWithValue("xml", xml);
            return command.ExecuteNonQuery();
        });
    }

    /// <summary>
    /// Runs <paramref name="action"/> while holding a cluster-wide advisory lock, so that nodes starting together
    /// look for a usable key and create one in turn: the first creates it, the others find it.
    /// </summary>
    public void UnderTokenKeyLock(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var connection = _dataSource.OpenConnection();
        using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key);", connection))
        {
            command.Parameters.AddWithValue("key", TokenKeyLockKey);
            command.ExecuteNonQuery();
        }

        try
        {
            action();
        }
        finally
        {
            using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key);", connection);
            command.Parameters.AddWithValue("key", TokenKeyLockKey);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>A database without these tables was made by an older init-db: say what to do.</summary>
    private static T Translate<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (PostgresException exception) when (exception.SqlState == UndefinedTable)
        {
            throw new InvalidOperationException(
                "The PostgreSQL database lacks the identity tables of the OrleansCompute schema. Update it with: " +
                "OrleansCompute.Host init-db (same configuration), or apply deploy/sql/postgresql/*.sql in order.", exception);
        }
    }
}
