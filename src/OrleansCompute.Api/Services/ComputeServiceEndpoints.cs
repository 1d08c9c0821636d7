using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Operator;
using OrleansCompute.Api.Policy;
using OrleansCompute.Api.Validation;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Scheduling;

namespace OrleansCompute.Api.Services;

/// <summary>
/// Nova's <c>/os-services</c> over the simulated hosts, one nova-compute each: list (host and binary filters),
/// update (the action form <c>PUT /os-services/{enable|disable|disable-log-reason|force-down}</c> below 2.53, the
/// UUID form from 2.53) and delete (204; see <see cref="ComputeServiceRemoval"/>). A disabled or forced-down service
/// takes no new servers (the scheduler's compute filter).
/// </summary>
internal static class ComputeServiceEndpoints
{
    private const string Binary = "nova-compute";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/os-services", ListAsync).RequirePolicy(ComputePolicies.ServicesList);
        routes.MapPut("/os-services/{id}", UpdateAsync).RequirePolicy(ComputePolicies.ServicesUpdate);
        routes.MapDelete("/os-services/{id}", DeleteAsync).RequirePolicy(ComputePolicies.ServicesDelete);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains, ComputeCatalog catalog)
    {
        var request = ComputeRequest.From(context);
        var query = context.Request.Query;
        IEnumerable<HostUsage> hosts = await HostInventory.ReadAsync(grains, catalog);
        if (query.TryGetValue("host", out var host))
        {
            hosts = hosts.Where(h => h.Host == host[^1]);
        }

        if (query.TryGetValue("binary", out var binary) && binary[^1] != Binary)
        {
            hosts = [];
        }

        var list = hosts.ToList();
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("services");
            foreach (var usage in list)
            {
                Write(w, usage, request, catalog);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string id, IGrainFactory grains, ComputeCatalog catalog, TimeProvider time)
    {
        var request = ComputeRequest.From(context);
        using var body = await JsonBody.ReadAsync(context);
        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("body", root, "object");
        }

        return request.Version.AtLeast(2, 53)
            ? await UpdateByUuidAsync(id, root, request, grains, catalog, time)
            : await UpdateByActionAsync(id, root, request, grains, catalog, time);
    }

    private static async Task<IResult> UpdateByUuidAsync(string id, JsonElement root, ComputeRequest request, IGrainFactory grains, ComputeCatalog catalog, TimeProvider time)
    {
        if (!Guid.TryParse(id, out _))
        {
            throw ComputeFaultException.BadRequest($"Invalid uuid {id}");
        }

        var host = HostInventory.HostOf(catalog, id, uuids: true, HostInventory.ServiceUuid)
            ?? throw ComputeFaultException.NotFound($"Service {id} could not be found.");
        bool? disabled = null;
        string? reason = null;
        bool? forcedDown = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "status":
                    disabled = property.Value.GetString() switch
                    {
                        "enabled" => false,
                        "disabled" => true,
                        _ => throw SchemaErrors.Invalid("status", property.Value, $"{SchemaErrors.Quoted(property.Value)} is not one of ['enabled', 'disabled']"),
                    };
                    break;
                case "disabled_reason":
                    reason = Reason(property.Value);
                    break;
                case "forced_down":
                    forcedDown = BooleanText.Parse(property.Value) ?? throw SchemaErrors.WrongType("forced_down", property.Value, "boolean");
                    break;
                default:
                    throw SchemaErrors.Additional(property.Name);
            }
        }

        if (reason is not null && disabled != true)
        {
            throw ComputeFaultException.BadRequest("Specifying 'disabled_reason' with status 'enabled' is invalid.");
        }

        if (disabled is null && forcedDown is null)
        {
            throw ComputeFaultException.BadRequest("No updates were requested. Fields 'status' or 'forced_down' should be specified.");
        }

        var usage = await grains.GetGrain<IHostGrain>(host).UpdateServiceAsync(new HostServiceChange
        {
            Disabled = disabled, DisabledReason = reason, ForcedDown = forcedDown, At = time.GetUtcNow(),
        });
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("service");
            Write(w, usage, request, catalog);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> UpdateByActionAsync(string action, JsonElement root, ComputeRequest request, IGrainFactory grains, ComputeCatalog catalog, TimeProvider time)
    {
        if (action is not ("enable" or "disable" or "disable-log-reason") && !(action == "force-down" && request.Version.AtLeast(2, 11)))
        {
            throw ComputeFaultException.NotFound("Unknown action");
        }

        var host = root.TryGetProperty("host", out var hostValue) && hostValue.ValueKind == JsonValueKind.String ? hostValue.GetString()! : throw SchemaErrors.Required("host");
        var binary = root.TryGetProperty("binary", out var binaryValue) && binaryValue.ValueKind == JsonValueKind.String ? binaryValue.GetString()! : throw SchemaErrors.Required("binary");
        if (catalog.FindHost(host) is null)
        {
            throw ComputeFaultException.NotFound($"Host '{host}' is not mapped to any cell");
        }

        if (binary != Binary)
        {
            throw ComputeFaultException.BadRequest($"Updating a {binary} service is not supported. Only nova-compute services can be updated.");
        }

        var change = new HostServiceChange { At = time.GetUtcNow() };
        string? reason = null;
        bool? forcedDown = null;
        switch (action)
        {
            case "enable":
                change = change with { Disabled = false };
                break;
            case "disable":
                change = change with { Disabled = true };
                break;
            case "disable-log-reason":
                reason = root.TryGetProperty("disabled_reason", out var reasonValue) ? Reason(reasonValue) : throw ComputeFaultException.BadRequest("Missing disabled reason field");
                change = change with { Disabled = true, DisabledReason = reason };
                break;
            default:
                forcedDown = root.TryGetProperty("forced_down", out var down) ? BooleanText.Parse(down) ?? throw SchemaErrors.WrongType("forced_down", down, "boolean") : throw ComputeFaultException.BadRequest("Missing forced_down field");
                change = change with { ForcedDown = forcedDown };
                break;
        }

        var usage = await grains.GetGrain<IHostGrain>(host).UpdateServiceAsync(change);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("service");
            w.WriteString("host", host);
            w.WriteString("binary", binary);
            if (forcedDown is { } down)
            {
                w.WriteBoolean("forced_down", down);
            }
            else
            {
                w.WriteString("status", usage.Disabled ? "disabled" : "enabled");
            }

            if (reason is not null)
            {
                w.WriteString("disabled_reason", reason);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, IGrainFactory grains, ComputeCatalog catalog, TimeProvider time)
    {
        var request = ComputeRequest.From(context);
        var uuids = request.Version.AtLeast(2, 53);
        if (uuids ? !Guid.TryParse(id, out _) : !int.TryParse(id, out _))
        {
            throw ComputeFaultException.BadRequest(uuids ? $"Invalid uuid {id}" : $"Service id {id} refers to multiple services or is not an integer.");
        }

        var host = HostInventory.HostOf(catalog, id, uuids, HostInventory.ServiceUuid)
            ?? throw ComputeFaultException.NotFound($"Service {id} could not be found.");
        await ComputeServiceRemoval.RemoveAsync(grains, host, id, time.GetUtcNow());
        return Results.StatusCode(204);
    }

    private static string Reason(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw SchemaErrors.WrongType("disabled_reason", value, "string");
        }

        var text = value.GetString()!;
        return text.Length is 0 or > 255 ? throw SchemaErrors.Invalid("disabled_reason", value, $"'{text}' is too {(text.Length == 0 ? "short" : "long")}") : text;
    }

    private static void Write(Utf8JsonWriter w, HostUsage usage, ComputeRequest request, ComputeCatalog catalog)
    {
        w.WriteStartObject();
        if (request.Version.AtLeast(2, 53))
        {
            w.WriteString("id", HostInventory.ServiceUuid(usage.Host));
        }
        else
        {
            w.WriteNumber("id", HostInventory.IntegerId(catalog, usage.Host));
        }

        w.WriteString("binary", Binary);
        w.WriteString("host", usage.Host);
        w.WriteString("zone", usage.AvailabilityZone);
        w.WriteString("status", usage.Disabled ? "disabled" : "enabled");
        w.WriteString("state", usage.ForcedDown ? "down" : "up");
        if (usage.ServiceUpdatedAt is { } updated)
        {
            w.WriteString("updated_at", NovaTime.Usage(updated));
        }
        else
        {
            w.WriteNull("updated_at");
        }

        if (usage.DisabledReason is { } reason)
        {
            w.WriteString("disabled_reason", reason);
        }
        else
        {
            w.WriteNull("disabled_reason");
        }

        if (request.Version.AtLeast(2, 11))
        {
            w.WriteBoolean("forced_down", usage.ForcedDown);
        }

        w.WriteEndObject();
    }
}
