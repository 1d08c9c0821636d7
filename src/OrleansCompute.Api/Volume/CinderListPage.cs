using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OrleansCompute.Api.Volume;

/// <summary>
/// One page of a Cinder list (volumes, snapshots): the items under the collection's name, then the
/// <c>{collection}_links</c> next link when the page is full. The link keeps the request's other parameters (the
/// sort, the filters) so that the next page continues in the same order after the page's last item.
/// </summary>
internal static class CinderListPage
{
    public static JsonResponse Render<T>(
        VolumeRequest request, string collection, string path, VolumeListQuery query, IReadOnlyList<T> items, Func<T, Guid> id, Action<Utf8JsonWriter, T> write) =>
        new(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray(collection);
            foreach (var item in items)
            {
                write(w, item);
            }

            w.WriteEndArray();
            if (items.Count > 0 && items.Count >= query.Limit)
            {
                w.WriteStartArray(collection + "_links");
                w.WriteStartObject();
                w.WriteString("rel", "next");
                w.WriteString("href", $"{request.BaseUrl}/{path}?limit={query.Limit}&marker={id(items[^1])}{Others(request.Context.Request.Query)}");
                w.WriteEndObject();
                w.WriteEndArray();
            }

            w.WriteEndObject();
        });

    private static string Others(IQueryCollection query) => string.Concat(
        query.Where(pair => pair.Key is not ("limit" or "marker"))
            .SelectMany(pair => pair.Value.Select(value => $"&{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(value ?? "")}")));
}
