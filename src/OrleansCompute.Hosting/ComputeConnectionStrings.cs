using Microsoft.Extensions.Configuration;

namespace OrleansCompute.Hosting;

/// <summary>The connection string cluster mode reads: <c>ConnectionStrings:Compute</c> (environment: <c>ConnectionStrings__Compute</c>).</summary>
public static class ComputeConnectionStrings
{
    public const string Name = "Compute";

    internal static readonly string MissingMessage =
        $"Compute:Mode '{ComputeModes.Cluster}' needs the PostgreSQL connection string ConnectionStrings:{Name} " +
        $"(environment variable ConnectionStrings__{Name}).";

    public static string Require(IConfiguration configuration) =>
        configuration.GetConnectionString(Name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(MissingMessage);
}
