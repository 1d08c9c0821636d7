using OrleansCompute.Persistence.Index;
using OrleansCompute.Persistence.Postgres;
using OrleansCompute.Persistence.Volumes;

namespace OrleansCompute.Tests.Volumes;

/// <summary>compute_volumes is declared once (<see cref="VolumeIndexSchema"/>): the PostgreSQL script is that text.</summary>
public sealed class VolumeIndexSchemaTests
{
    private const string PostgresScript = "09-compute-volumes.sql";

    /// <summary>Set to 1 to rewrite the PostgreSQL script from <see cref="VolumeIndexSchema"/> instead of failing.</summary>
    private const string RewriteVariable = "ORLEANSCOMPUTE_REWRITE_SCHEMA";

    [Fact]
    public void The_PostgreSQL_script_is_the_generated_schema()
    {
        var generated = VolumeIndexSchema.Script(PostgresIndexDialect.Instance);
        if (Environment.GetEnvironmentVariable(RewriteVariable) == "1")
        {
            File.WriteAllText(SourcePath(), generated);
            return;
        }

        var embedded = EmbeddedPostgresScripts.All.Single(script => script.Key == PostgresScript).Value;
        embedded.ReplaceLineEndings("\n").Should().Be(
            generated, $"Sql/PostgreSql/{PostgresScript} is written from VolumeIndexSchema; run this test with {RewriteVariable}=1 to rewrite it, then rebuild");
    }

    private static string SourcePath([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "OrleansCompute.Persistence", "Sql", "PostgreSql", PostgresScript));
}
