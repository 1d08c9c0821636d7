namespace OrleansCompute.Persistence.Sqlite.Index;

/// <summary>Server ids as stored: lower-case "D" text, so that text order is the order of Nova's uuid strings.</summary>
internal static class ServerIds
{
    public static string ToText(Guid id) => id.ToString("D");
}
