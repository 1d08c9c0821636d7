using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Faults;
using OrleansCompute.Scheduling;
using OrleansCompute.Servers;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Api.Servers.Actions;

/// <summary>
/// The action log: <c>GET /servers/{id}/os-instance-actions</c> and <c>/os-instance-actions/{request_id}</c> in
/// Nova's shape per microversion: deleted servers from 2.21, events for non-admins from 2.51, <c>updated_at</c>
/// and paging (limit, marker, changes-since) from 2.58, <c>changes-before</c> from 2.66, event <c>hostId</c>
/// (and <c>host</c> for admins) from 2.62, event <c>details</c> from 2.84; tracebacks for admins only.
/// </summary>
internal static class InstanceActionEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/servers/{id}/os-instance-actions", ListAsync).RequireServerPolicy(ComputePolicies.InstanceActionsList);
        routes.MapGet("/servers/{id}/os-instance-actions/{requestId}", ShowAsync).RequireServerPolicy(ComputePolicies.InstanceActionsShow);
    }

    private static async Task<IResult> ListAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var log = await LogAsync(grains, request, id);
        IEnumerable<InstanceActionRecord> actions = log.Actions;
        string? next = null;
        if (request.Version.AtLeast(2, 58))
        {
            var query = context.Request.Query;
            if (Timestamp(query, "changes-since") is { } since)
            {
                actions = actions.Where(a => a.UpdatedAt >= since);
            }

            if (request.Version.AtLeast(2, 66) && Timestamp(query, "changes-before") is { } before)
            {
                actions = actions.Where(a => a.UpdatedAt <= before);
            }

            if (query.TryGetValue("marker", out var markers) && markers[^1] is { } marker)
            {
                var list = actions.ToList();
                var at = list.FindIndex(a => a.RequestId == marker);
                if (at < 0)
                {
                    throw ComputeFaultException.BadRequest($"Marker {marker} could not be found.");
                }

                actions = list.Skip(at + 1);
            }

            if (query.TryGetValue("limit", out var limits))
            {
                var text = limits[^1] ?? "";
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 0)
                {
                    throw ComputeFaultException.BadRequest($"Invalid input for query parameters limit. Value: {text}. '{text}' does not match '^[0-9]*$'");
                }

                var page = actions.Take(limit).ToList();
                if (page.Count == limit && limit > 0)
                {
                    next = $"{request.Links.Self("servers", log.ServerId.ToString())}/os-instance-actions?limit={limit}&marker={page[^1].RequestId}";
                }

                actions = page;
            }
        }

        var selected = actions.ToList();
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("instanceActions");
            foreach (var action in selected)
            {
                w.WriteStartObject();
                WriteAction(w, action, log, request);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (next is not null)
            {
                w.WriteStartArray("links");
                w.WriteStartObject();
                w.WriteString("href", next);
                w.WriteString("rel", "next");
                w.WriteEndObject();
                w.WriteEndArray();
            }

            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id, string requestId, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var log = await LogAsync(grains, request, id);
        var action = log.Actions.FirstOrDefault(a => a.RequestId == requestId)
            ?? throw ComputeFaultException.NotFound($"Action for request_id {requestId} on instance {log.ServerId} not found");
        // Nova checks both rules with the server's project as the target.
        var target = new PolicyTarget(log.ProjectId, null);
        var admin = request.IsAllowed(ComputePolicies.InstanceActionEvents, target);
        var details = request.IsAllowed(ComputePolicies.InstanceActionEventDetails, target);
        var version = request.Version;
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("instanceAction");
            WriteAction(w, action, log, request);
            if (admin || version.AtLeast(2, 51))
            {
                w.WriteStartArray("events");
                foreach (var e in action.Events)
                {
                    w.WriteStartObject();
                    w.WriteString("event", e.Event);
                    w.WriteString("start_time", NovaTime.Usage(e.StartTime));
                    Nullable(w, "finish_time", e.FinishTime is { } finish ? NovaTime.Usage(finish) : null);
                    Nullable(w, "result", e.Result);
                    if (admin)
                    {
                        Nullable(w, "traceback", e.Traceback);
                    }

                    if (version.AtLeast(2, 62))
                    {
                        w.WriteString("hostId", HostIdCalculator.Compute(log.ProjectId, e.Host));
                        if (admin)
                        {
                            Nullable(w, "host", e.Host);
                        }
                    }

                    if (version.AtLeast(2, 84) && details)
                    {
                        Nullable(w, "details", e.Result == "Error" ? e.Details ?? e.Traceback : e.Details);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static Task<ServerActionLog> LogAsync(IGrainFactory grains, ComputeRequest request, string id)
    {
        return grains.GetGrain<IServerGrain>(Resources.ServerRoute.ParseId(id)).GetActionsAsync(request.Caller, includeDeleted: request.Version.AtLeast(2, 21));
    }

    private static void WriteAction(Utf8JsonWriter w, InstanceActionRecord action, ServerActionLog log, ComputeRequest request)
    {
        w.WriteString("action", action.Action);
        w.WriteString("instance_uuid", log.ServerId);
        Nullable(w, "message", action.Message);
        Nullable(w, "project_id", action.ProjectId);
        w.WriteString("request_id", action.RequestId);
        w.WriteString("start_time", NovaTime.Usage(action.StartTime));
        if (request.Version.AtLeast(2, 58))
        {
            w.WriteString("updated_at", NovaTime.Usage(action.UpdatedAt));
        }

        Nullable(w, "user_id", action.UserId);
    }

    private static DateTimeOffset? Timestamp(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? Listing.Iso8601Timestamp.Parse(name, values[^1] ?? "") : null;

    private static void Nullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
