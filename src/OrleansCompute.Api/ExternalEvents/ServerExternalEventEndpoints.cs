using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Policy;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.ExternalEvents;

/// <summary>
/// <c>POST /os-server-external-events</c> (service or admin): each event is echoed with its <c>code</c> and
/// <c>status</c>; 200 when all were accepted, 207 when any was not. Network events need nothing of this control
/// plane; <c>power-update</c> (2.76) sets the power state; <c>volume-extended</c> (2.51) records the instance action
/// <c>extend_volume</c>; <c>volume-reimaged</c> (2.93) ends the rebuild of a volume-backed server that waits for it.
/// </summary>
internal static class ServerExternalEventEndpoints
{
    private static readonly string[] Statuses = ["failed", "completed", "in-progress"];

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/os-server-external-events", CreateAsync).RequirePolicy(ComputePolicies.ServerExternalEventsCreate);

    private static string[] Names(ApiVersion version) =>
        [
            "network-changed", "network-vif-plugged", "network-vif-unplugged", "network-vif-deleted",
            .. version.AtLeast(2, 51) ? new[] { "volume-extended" } : [],
            .. version.AtLeast(2, 76) ? new[] { "power-update" } : [],
            .. version.AtLeast(2, 82) ? new[] { "accelerator-request-bound" } : [],
            .. version.AtLeast(2, 93) ? new[] { "volume-reimaged" } : [],
        ];

    /// <summary>Events whose tag says what they are about, so Nova refuses them without one.</summary>
    private static bool NeedsTag(string name) => name is "volume-extended" or "power-update" or "accelerator-request-bound";

    private sealed record ExternalEvent(string Name, string ServerUuid, string Status, string? Tag);

    private static async Task<IResult> CreateAsync(HttpContext context, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        using var body = await JsonBody.ReadAsync(context);
        var events = Parse(body.RootElement, request.Version);
        var results = new List<(ExternalEvent Event, int Code)>();
        foreach (var item in events)
        {
            results.Add((item, await ApplyAsync(grains, request, item)));
        }

        if (results.All(r => r.Code == 404))
        {
            throw ComputeFaultException.NotFound("No instances found for any event");
        }

        return new JsonResponse(results.All(r => r.Code == 200) ? 200 : 207, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("events");
            foreach (var (item, code) in results)
            {
                w.WriteStartObject();
                w.WriteString("name", item.Name);
                w.WriteString("server_uuid", item.ServerUuid);
                w.WriteString("status", code == 200 ? "completed" : "failed");
                if (item.Tag is not null)
                {
                    w.WriteString("tag", item.Tag);
                }

                w.WriteNumber("code", code);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<int> ApplyAsync(IGrainFactory grains, ComputeRequest request, ExternalEvent item)
    {
        if (!Guid.TryParse(item.ServerUuid, out var id))
        {
            return 404;
        }

        var grain = grains.GetGrain<IServerGrain>(id);
        ServerSnapshot server;
        try
        {
            server = await grain.GetAsync(request.Caller);
        }
        catch (ComputeFaultException fault) when (fault.StatusCode == 404)
        {
            return 404;
        }

        if (NeedsTag(item.Name) && item.Tag is null)
        {
            return 400;
        }

        if (server.Host is null)
        {
            return 422;
        }

        if (item.Name == "power-update" && item.Tag is "POWER_ON" or "POWER_OFF")
        {
            await grain.ApplyPowerUpdateAsync(request.Caller, item.Tag == "POWER_ON");
        }

        // The volume events name their volume in the tag: an extend is recorded (extend_volume), a reimage ends the
        // volume-backed rebuild waiting for it (2.93).
        if (item.Name is "volume-extended" or "volume-reimaged" && Guid.TryParse(item.Tag, out var volumeId))
        {
            var volumes = grains.GetGrain<Volumes.IServerVolumesGrain>(id);
            await (item.Name == "volume-extended"
                ? volumes.VolumeExtendedAsync(request.Caller, volumeId)
                : volumes.VolumeReimagedAsync(volumeId, item.Status != "failed"));
        }

        return 200;
    }

    private static List<ExternalEvent> Parse(JsonElement root, ApiVersion version)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("", root, "object");
        }

        foreach (var property in root.EnumerateObject().Where(p => p.Name != "events"))
        {
            throw SchemaErrors.Additional(property.Name);
        }

        if (!root.TryGetProperty("events", out var events))
        {
            throw SchemaErrors.Required("events");
        }

        if (events.ValueKind != JsonValueKind.Array)
        {
            throw SchemaErrors.WrongType("events", events, "array");
        }

        if (events.GetArrayLength() == 0)
        {
            throw SchemaErrors.Invalid("events", events, "[] is too short");
        }

        var names = Names(version);
        return [.. events.EnumerateArray().Select(item => ParseEvent(item, names))];
    }

    private static ExternalEvent ParseEvent(JsonElement item, string[] names)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("events", item, "object");
        }

        foreach (var property in item.EnumerateObject().Where(p => p.Name is not ("name" or "server_uuid" or "status" or "tag")))
        {
            throw SchemaErrors.Additional(property.Name);
        }

        var name = item.TryGetProperty("name", out var n) ? EnumRule.Check("events/name", n, names) : throw SchemaErrors.Required("name");
        var server = item.TryGetProperty("server_uuid", out var s) && s.ValueKind == JsonValueKind.String
            ? s.GetString()!
            : throw (s.ValueKind == JsonValueKind.Undefined ? SchemaErrors.Required("server_uuid") : SchemaErrors.WrongType("events/server_uuid", s, "string"));
        var status = item.TryGetProperty("status", out var st) ? EnumRule.Check("events/status", st, Statuses) : "completed";
        string? tag = null;
        if (item.TryGetProperty("tag", out var t))
        {
            tag = t.ValueKind == JsonValueKind.String && t.GetString()!.Length <= 255 ? t.GetString() : throw SchemaErrors.Invalid("events/tag", t, $"{SchemaErrors.Quoted(t)} is not a string of at most 255 characters");
        }

        return new ExternalEvent(name, server, status, tag);
    }
}
