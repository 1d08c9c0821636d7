using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Faults;
using OrleansCompute.Volumes;

namespace OrleansCompute.Api.Volume;

/// <summary>Cinder's volume routes: create, list (summary and detail), show, update, delete, and the volume actions.</summary>
internal static class VolumeEndpoints
{
    private static readonly IReadOnlySet<string> Filters = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "status", "metadata", "bootable", "migration_status", "availability_zone", "group_id", "size", "created_at", "updated_at", "consumes_quota",
    };

    private static readonly IReadOnlySet<string> UpdateKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "description", "display_name", "display_description", "metadata",
    };

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/volumes", CreateAsync);
        group.MapGet("/volumes", ListAsync);
        group.MapGet("/volumes/detail", ListDetailAsync);
        group.MapGet("/volumes/{id}", ShowAsync);
        group.MapPut("/volumes/{id}", UpdateAsync);
        group.MapDelete("/volumes/{id}", DeleteAsync);
        group.MapPost("/volumes/{id}/action", ActAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, VolumeCreation creation, IGrainFactory grains)
    {
        var request = VolumeRequest.Of(context);
        request.RequireMember("volume:create");
        using var body = await JsonBody.ReadAsync(context);
        var parsed = CreateVolumeRequest.Parse(body.RootElement, request.Version);
        var command = await creation.PrepareAsync(parsed, request.Caller);
        var volume = await grains.GetGrain<IVolumeGrain>(Guid.NewGuid()).CreateAsync(command);
        return new JsonResponse(202, w => Envelope(w, volume, request));
    }

    private static Task<IResult> ListAsync(HttpContext context, IVolumeIndex index) => ListCoreAsync(context, index, detail: false);

    private static Task<IResult> ListDetailAsync(HttpContext context, IVolumeIndex index) => ListCoreAsync(context, index, detail: true);

    private static async Task<IResult> ListCoreAsync(HttpContext context, IVolumeIndex index, bool detail)
    {
        var request = VolumeRequest.Of(context);
        var query = VolumeListQuery.Parse(request, Filters, VolumeSortKeys.Volume);
        var volumes = await index.QueryVolumesAsync(query.Index, query.VolumeMatches(), context.RequestAborted);
        var baseUrl = request.BaseUrl;
        return CinderListPage.Render(request, "volumes", detail ? "volumes/detail" : "volumes", query, volumes, v => v.Id, (w, volume) =>
        {
            if (detail)
            {
                VolumeViews.WriteDetail(w, volume, request, baseUrl);
            }
            else
            {
                VolumeViews.WriteSummary(w, volume, baseUrl);
            }
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = VolumeRequest.Of(context);
        var volume = await Grain(grains, id).GetAsync(request.Caller);
        return new JsonResponse(200, w => Envelope(w, volume, request));
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = VolumeRequest.Of(context);
        request.RequireMember("volume:update");
        var grain = Grain(grains, id);
        using var body = await JsonBody.ReadAsync(context);
        var volumeBody = CinderBody.Root(body.RootElement, "volume");
        CinderBody.OnlyKnown(volumeBody, UpdateKeys);
        if (request.Version.AtLeast(53) && !volumeBody.EnumerateObject().Any())
        {
            throw CinderBody.Invalid("volume", "{} does not have enough properties");
        }

        var update = ParseUpdate(volumeBody);
        var volume = await grain.UpdateAsync(request.Caller, update);
        return new JsonResponse(200, w => Envelope(w, volume, request));
    }

    /// <summary>Name, description (or their display_ forms) and metadata (which replaces all metadata).</summary>
    public static VolumeUpdate ParseUpdate(JsonElement body)
    {
        var name = CinderBody.Text(body, "name");
        var displayName = CinderBody.Text(body, "display_name");
        var description = CinderBody.Text(body, "description");
        var displayDescription = CinderBody.Text(body, "display_description");
        return new VolumeUpdate
        {
            SetName = name.Present || displayName.Present,
            Name = name.Present ? name.Value : displayName.Value,
            SetDescription = description.Present || displayDescription.Present,
            Description = description.Present ? description.Value : displayDescription.Value,
            Metadata = CinderBody.Metadata(body, "metadata"),
        };
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = VolumeRequest.Of(context);
        request.RequireMember("volume:delete");
        var query = context.Request.Query;
        if (query.TryGetValue("force", out var force) && force[^1] is not ("false" or "False" or "0"))
        {
            request.RequireAdmin("volume:force_delete");
        }

        await Grain(grains, id).DeleteAsync(request.Caller);
        return Results.StatusCode(202);
    }

    private static async Task<IResult> ActAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = VolumeRequest.Of(context);
        var grain = Grain(grains, id);
        using var body = await CinderActionBody.ReadAsync(context);
        var action = body.Action;
        switch (action.Name)
        {
            case "os-extend":
                request.RequireMember("volume:extend");
                var newSize = action.Value.ValueKind == JsonValueKind.Object ? CinderBody.Size(action.Value, "new_size") : null;
                await grain.ExtendAsync(request.Caller, newSize ?? throw CinderBody.Invalid("new_size", "'new_size' is a required property"), request.Version.AtLeast(42));
                return Results.StatusCode(202);
            case "os-reset_status":
                request.RequireAdmin("volume_extension:volume_admin_actions:reset_status");
                var (status, attachStatus) = ResetStatus(action.Value);
                await grain.ResetStatusAsync(request.Caller, status, attachStatus);
                return Results.StatusCode(202);
            default:
                throw ComputeFaultException.BadRequest($"There is no such action: {action.Name}");
        }
    }

    private static (string? Status, string? AttachStatus) ResetStatus(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw CinderBody.Invalid("os-reset_status", $"{body.GetRawText()} is not of type 'object'");
        }

        var status = CinderBody.Text(body, "status").Value?.ToLowerInvariant();
        var attachStatus = CinderBody.Text(body, "attach_status").Value?.ToLowerInvariant();
        var migration = CinderBody.Text(body, "migration_status").Value;
        if (status is null && attachStatus is null && migration is null)
        {
            throw ComputeFaultException.BadRequest("Must specify 'status', 'attach_status' or 'migration_status' for update.");
        }

        if (status is not null && !VolumeStatus.Resettable.Contains(status))
        {
            throw ComputeFaultException.BadRequest($"Invalid input received: Invalid status value {status}.");
        }

        if (attachStatus is not null and not (AttachmentStatus.Attached or AttachmentStatus.Detached))
        {
            throw ComputeFaultException.BadRequest($"Invalid input received: Invalid attach_status value {attachStatus}.");
        }

        return (status, attachStatus);
    }

    private static void Envelope(Utf8JsonWriter w, VolumeRecord volume, VolumeRequest request)
    {
        w.WriteStartObject();
        w.WritePropertyName("volume");
        VolumeViews.WriteDetail(w, volume, request, request.BaseUrl);
        w.WriteEndObject();
    }

    /// <summary>The volume grain of a route id; an id that is not a uuid is a volume that does not exist.</summary>
    public static IVolumeGrain Grain(IGrainFactory grains, string id) =>
        Guid.TryParse(id, out var volumeId) ? grains.GetGrain<IVolumeGrain>(volumeId) : throw ComputeFaultException.NotFound($"Volume {id} could not be found.");
}
