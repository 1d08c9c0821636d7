using OrleansCompute.Indexing;
using OrleansCompute.Servers;

namespace OrleansCompute.Quotas;

/// <summary>Every server a query matches, page by page (the recounts of projects and hosts read whole sets).</summary>
internal static class ServerIndexPages
{
    private const int PageSize = 1000;

    public static async IAsyncEnumerable<ServerSnapshot> AllAsync(this IServerIndex index, ServerQuery query)
    {
        Guid? marker = null;
        while (true)
        {
            var page = await index.QueryAsync(query with { Marker = marker, Limit = PageSize });
            foreach (var server in page)
            {
                yield return server;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            marker = page[^1].Id;
        }
    }
}
