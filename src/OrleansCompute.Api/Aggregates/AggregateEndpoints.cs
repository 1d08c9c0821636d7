using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using OrleansCompute.Aggregates;
using OrleansCompute.Api.Policy;
using OrleansCompute.Api.Validation;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Aggregates;

/// <summary>
/// Nova's <c>/os-aggregates</c> (admin): list, create, show, update, delete, and the actions add_host,
/// remove_host and set_metadata; the image cache request (2.81) is accepted and logged only, as there is no
/// image cache to warm. One call to the aggregate store each; zones it gives hosts reach this process's catalog
/// at once (<see cref="AggregateZones"/>).
/// </summary>
internal static partial class AggregateEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/os-aggregates", ListAsync).RequirePolicy(ComputePolicies.AggregatesIndex);
        routes.MapPost("/os-aggregates", CreateAsync).RequirePolicy(ComputePolicies.AggregatesCreate);
        routes.MapGet("/os-aggregates/{id}", ShowAsync).RequirePolicy(ComputePolicies.AggregatesShow);
        routes.MapPut("/os-aggregates/{id}", UpdateAsync).RequirePolicy(ComputePolicies.AggregatesUpdate);
        routes.MapDelete("/os-aggregates/{id}", DeleteAsync).RequirePolicy(ComputePolicies.AggregatesDelete);
        routes.MapPost("/os-aggregates/{id}/action", ActAsync);
        routes.MapPost("/os-aggregates/{id}/images", CacheImagesAsync).RequirePolicy(ComputePolicies.AggregatesImages);
    }

    private static IAggregateStoreGrain Store(IGrainFactory grains) => grains.GetGrain<IAggregateStoreGrain>(IAggregateStoreGrain.Key);

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var aggregates = await Store(grains).ListAsync();
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("aggregates");
            foreach (var aggregate in aggregates)
            {
                Write(w, aggregate, request, full: true);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        var request = ComputeRequest.From(context);
        using var body = await JsonBody.ReadAsync(context);
        var aggregate = Body(body.RootElement);
        var name = aggregate.TryGetProperty("name", out var nameValue) ? Name(nameValue) : throw SchemaErrors.Required("name");
        var zone = aggregate.TryGetProperty("availability_zone", out var zoneValue) ? Zone(zoneValue) : null;
        Only(aggregate, "name", "availability_zone");
        var created = await Store(grains).CreateAsync(name, zone, time.GetUtcNow());
        return Single(created, request, full: false);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var number = Id(id);
        var aggregate = (await Store(grains).ListAsync()).FirstOrDefault(a => a.Id == number)
            ?? throw ComputeFaultException.NotFound($"Aggregate {id} could not be found.");
        return Single(aggregate, request, full: true);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string id, IGrainFactory grains, ComputeCatalog catalog, TimeProvider time)
    {
        var request = ComputeRequest.From(context);
        var number = Id(id);
        using var body = await JsonBody.ReadAsync(context);
        var aggregate = Body(body.RootElement);
        Only(aggregate, "name", "availability_zone");
        var name = aggregate.TryGetProperty("name", out var nameValue) ? Name(nameValue) : null;
        var zone = aggregate.TryGetProperty("availability_zone", out var zoneValue) ? Zone(zoneValue) : null;
        if (name is null && zone is null)
        {
            throw ComputeFaultException.BadRequest("Invalid input for field/attribute aggregate. Value: {}. {} does not have enough properties");
        }

        var updated = await Store(grains).UpdateAsync(number, name, zone, time.GetUtcNow());
        await AggregateZones.RefreshAsync(catalog, grains);
        return Single(updated, request, full: true);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, IGrainFactory grains)
    {
        _ = ComputeRequest.From(context);
        await Store(grains).DeleteAsync(Id(id));
        return Results.Ok();
    }

    private static async Task<IResult> ActAsync(HttpContext context, string id, IGrainFactory grains, ComputeCatalog catalog, TimeProvider time)
    {
        var request = ComputeRequest.From(context);
        var number = Id(id);
        using var body = await JsonBody.ReadAsync(context);
        var root = body.RootElement;
        // A body that is not an object, or an empty one, names no action: the default arm's 400 (reading the name of
        // the missing member would throw, a 500).
        var action = root.ValueKind == JsonValueKind.Object ? root.EnumerateObject().FirstOrDefault() : default;
        var actionName = action.Value.ValueKind == JsonValueKind.Undefined ? null : action.Name;
        var store = Store(grains);
        var now = time.GetUtcNow();
        HostAggregate changed;
        switch (actionName)
        {
            case "add_host":
                request.Authorize(ComputePolicies.AggregatesAddHost);
                changed = await store.AddHostAsync(number, Host(action.Value), now);
                break;
            case "remove_host":
                request.Authorize(ComputePolicies.AggregatesRemoveHost);
                changed = await store.RemoveHostAsync(number, Host(action.Value), now);
                break;
            case "set_metadata":
                request.Authorize(ComputePolicies.AggregatesSetMetadata);
                changed = await store.SetMetadataAsync(number, Metadata(action.Value), now);
                break;
            default:
                throw ComputeFaultException.BadRequest($"Invalid input for field/attribute body. Value: {SchemaErrors.Render(root)}. The action is not one of add_host, remove_host, set_metadata");
        }

        await AggregateZones.RefreshAsync(catalog, grains);
        return Single(changed, request, full: true);
    }

    private static async Task<IResult> CacheImagesAsync(HttpContext context, string id, IGrainFactory grains, ILoggerFactory loggers)
    {
        var request = ComputeRequest.From(context);
        if (!request.Version.AtLeast(2, 81))
        {
            throw ComputeFaultException.NotFound("The resource could not be found.");
        }

        var number = Id(id);
        using var body = await JsonBody.ReadAsync(context);
        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("cache", out var cache) || cache.ValueKind != JsonValueKind.Array)
        {
            throw SchemaErrors.Required("cache");
        }

        var images = cache.EnumerateArray().Select(i => i.TryGetProperty("id", out var image) ? image.GetString() ?? "" : "").ToList();
        if (images.Distinct(StringComparer.Ordinal).Count() != images.Count)
        {
            throw ComputeFaultException.BadRequest("Duplicate images in request");
        }

        _ = (await Store(grains).ListAsync()).FirstOrDefault(a => a.Id == number) ?? throw ComputeFaultException.NotFound($"Aggregate {id} could not be found.");
        LogCacheRequest(loggers.CreateLogger(typeof(AggregateEndpoints).FullName!), number, images.Count);
        return Results.StatusCode(202);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Image cache request for aggregate {Aggregate} ({Count} images) accepted; the simulated hosts have no image cache")]
    private static partial void LogCacheRequest(ILogger logger, int aggregate, int count);

    private static JsonElement Body(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("aggregate", out var aggregate) && aggregate.ValueKind == JsonValueKind.Object
            ? aggregate
            : throw SchemaErrors.Required("aggregate");

    private static void Only(JsonElement body, params string[] allowed)
    {
        foreach (var property in body.EnumerateObject().Where(p => !allowed.Contains(p.Name)))
        {
            throw SchemaErrors.Additional(property.Name);
        }
    }

    private static int Id(string id) =>
        int.TryParse(id, out var number) ? number : throw ComputeFaultException.BadRequest($"Invalid aggregate id {id}");

    private static string Name(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw SchemaErrors.WrongType("name", value, "string");
        return text.Length is 0 or > 255 || !NameRules.IsValidName(text) ? throw SchemaErrors.Invalid("name", value, NameRules.InvalidNameMessage) : text;
    }

    private static string? Zone(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw SchemaErrors.WrongType("availability_zone", value, "string, null");
        return text.Length is 0 or > 255 || text.Contains(':', StringComparison.Ordinal) || !NameRules.IsValidName(text)
            ? throw SchemaErrors.Invalid("availability_zone", value, "An invalid 'availability_zone' value was provided. The name must be: printable characters except :.")
            : text;
    }

    private static string Host(JsonElement action)
    {
        if (action.ValueKind != JsonValueKind.Object || !action.TryGetProperty("host", out var host))
        {
            throw SchemaErrors.Required("host");
        }

        return host.ValueKind == JsonValueKind.String && host.GetString()!.Length is > 0 and <= 255 ? host.GetString()! : throw SchemaErrors.WrongType("host", host, "string");
    }

    private static Dictionary<string, string?> Metadata(JsonElement action)
    {
        if (action.ValueKind != JsonValueKind.Object || !action.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.Required("metadata");
        }

        var parsed = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in metadata.EnumerateObject())
        {
            parsed[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => property.Name == HostAggregate.ZoneKey ? Zone(property.Value) : property.Value.GetString(),
                _ => throw SchemaErrors.WrongType(property.Name, property.Value, "string, null"),
            };
        }

        return parsed;
    }

    private static JsonResponse Single(HostAggregate aggregate, ComputeRequest request, bool full) => new(200, w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("aggregate");
        Write(w, aggregate, request, full);
        w.WriteEndObject();
    });

    private static void Write(Utf8JsonWriter w, HostAggregate aggregate, ComputeRequest request, bool full)
    {
        w.WriteStartObject();
        w.WriteNumber("id", aggregate.Id);
        w.WriteString("name", aggregate.Name);
        if (aggregate.AvailabilityZone is { } zone)
        {
            w.WriteString("availability_zone", zone);
        }
        else
        {
            w.WriteNull("availability_zone");
        }

        if (full)
        {
            w.WriteStartArray("hosts");
            foreach (var host in aggregate.Hosts)
            {
                w.WriteStringValue(host);
            }

            w.WriteEndArray();
            w.WriteStartObject("metadata");
            foreach (var (key, value) in aggregate.Metadata)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
        }

        w.WriteString("created_at", NovaTime.Usage(aggregate.CreatedAt));
        if (aggregate.UpdatedAt is { } updated)
        {
            w.WriteString("updated_at", NovaTime.Usage(updated));
        }
        else
        {
            w.WriteNull("updated_at");
        }

        w.WriteBoolean("deleted", false);
        w.WriteNull("deleted_at");
        if (request.Version.AtLeast(2, 41))
        {
            w.WriteString("uuid", aggregate.Uuid);
        }

        w.WriteEndObject();
    }
}
