using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OrleansCompute.Api.Servers;

/// <summary>
/// Nova's <c>servers_links</c> next link: only when a page is full; all the request's query parameters sorted
/// by name with one value each, and the marker set to the last item.
/// </summary>
internal static class NextPageLink
{
    public static string? For(IQueryCollection query, string collectionUrl, int returned, int pageSize, string lastId)
    {
        if (returned == 0 || returned != pageSize)
        {
            return null;
        }

        var parameters = query
            .Where(p => p.Key != "marker")
            .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value[^1]))
            .Append(new KeyValuePair<string, string?>("marker", lastId))
            .OrderBy(p => p.Key, StringComparer.Ordinal);
        return collectionUrl + QueryString.Create(parameters).ToUriComponent();
    }

    /// <summary>Writes <c>"{name}": [{"href": next, "rel": "next"}]</c> when there is a next page; nothing otherwise.</summary>
    public static void Write(Utf8JsonWriter w, string name, string? next)
    {
        if (next is null)
        {
            return;
        }

        w.WriteStartArray(name);
        w.WriteStartObject();
        w.WriteString("href", next);
        w.WriteString("rel", "next");
        w.WriteEndObject();
        w.WriteEndArray();
    }
}
