using OrleansCompute.Indexing;

namespace OrleansCompute.Persistence.Tests.Index;

public static class PageWalk
{
    /// <summary>Every page of a walk in order, each page's last id the next page's marker, as a client pages.</summary>
    public static async Task<List<Guid>> AllIdsAsync(IServerIndex index, ServerQuery query, int pageSize)
    {
        var ids = new List<Guid>();
        Guid? marker = null;
        for (var pages = 0; pages < 10_000; pages++)
        {
            var page = await index.QueryAsync(query with { Marker = marker, Limit = pageSize });
            page.Count.Should().BeLessThanOrEqualTo(pageSize);
            ids.AddRange(page.Select(server => server.Id));
            if (page.Count < pageSize)
            {
                return ids;
            }

            marker = page[^1].Id;
        }

        throw new InvalidOperationException("The walk did not end.");
    }
}
