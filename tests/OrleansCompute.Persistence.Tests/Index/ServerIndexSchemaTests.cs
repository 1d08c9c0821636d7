using OrleansCompute.Persistence.Index;
using OrleansCompute.Persistence.Postgres;
using OrleansCompute.Persistence.Tests.Support;

namespace OrleansCompute.Persistence.Tests.Index;

/// <summary>compute_servers is declared once (<see cref="ServerIndexSchema"/>) and made the same on both databases.</summary>
public sealed class ServerIndexSchemaTests
{
    private const string PostgresScript = "05-compute-servers.sql";

    /// <summary>Set to 1 to rewrite the PostgreSQL script from <see cref="ServerIndexSchema"/> instead of failing.</summary>
    private const string RewriteVariable = "ORLEANSCOMPUTE_REWRITE_SCHEMA";

    /// <summary>
    /// init-db and psql users run the script file; the file must say what the column list says. The comparison is
    /// with the embedded copy (what init-db runs), line endings aside.
    /// </summary>
    [Fact]
    public void The_PostgreSQL_script_is_the_generated_schema()
    {
        var generated = ServerIndexSchema.Script(PostgresIndexDialect.Instance);
        if (Environment.GetEnvironmentVariable(RewriteVariable) == "1")
        {
            File.WriteAllText(SourcePath(), generated);
            return;
        }

        var embedded = EmbeddedPostgresScripts.All.Single(script => script.Key == PostgresScript).Value;
        embedded.ReplaceLineEndings("\n").Should().Be(
            generated, $"Sql/PostgreSql/{PostgresScript} is written from ServerIndexSchema; run this test with {RewriteVariable}=1 to rewrite it, then rebuild (the file is embedded)");
    }

    [Fact]
    public async Task A_new_SQLite_file_has_the_declared_columns_in_order()
    {
        await using var temp = await TempDatabase.CreateAsync();

        var rows = await SqlHelper.RowsAsync(temp.Database.ReadDataSource, "SELECT name FROM pragma_table_info('compute_servers') ORDER BY cid;");

        rows.Select(row => (string)row[0]!).Should().Equal(ServerIndexSchema.Columns.Select(column => column.Name));
    }

    [Fact]
    public async Task A_new_PostgreSQL_schema_has_the_declared_columns_in_order()
    {
        await using var temp = await PostgresTestDatabase.CreateAsync();
        await using var command = temp.Database.DataSource.CreateCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = @schema AND table_name = 'compute_servers' ORDER BY ordinal_position;");
        command.Parameters.AddWithValue("schema", temp.Schema);

        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        columns.Should().Equal(ServerIndexSchema.Columns.Select(column => column.Name));
    }

    private static string SourcePath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OrleansCompute.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(
            directory?.FullName ?? throw new InvalidOperationException("OrleansCompute.sln not found above " + AppContext.BaseDirectory),
            "src", "OrleansCompute.Persistence", "Sql", "PostgreSql", PostgresScript);
    }
}
