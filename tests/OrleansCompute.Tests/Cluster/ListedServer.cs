using System.Text.Json.Nodes;

namespace OrleansCompute.Tests.Cluster;

/// <summary>The fields of a listed server a cluster test looks at.</summary>
public sealed record ListedServer(Guid Id, string Status, string? TaskState)
{
    public static ListedServer From(JsonNode? server) => new(
        Guid.Parse(server!["id"]!.GetValue<string>()),
        server["status"]!.GetValue<string>(),
        server["OS-EXT-STS:task_state"]?.GetValue<string>());
}

/// <summary>Helpers for failure messages about listed servers.</summary>
public static class ListedServers
{
    /// <summary>How many are listed, and every one that is not ACTIVE with its status and task state.</summary>
    public static string Describe(IReadOnlyCollection<ListedServer> servers) =>
        $"{servers.Count} listed; not ACTIVE: " +
        string.Join(", ", servers.Where(s => s.Status != "ACTIVE" || s.TaskState is not null).Select(s => $"{s.Id} {s.Status}/{s.TaskState ?? "-"}"));
}
