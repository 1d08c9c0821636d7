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
