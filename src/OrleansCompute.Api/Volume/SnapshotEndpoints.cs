using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Faults;
using OrleansCompute.Volumes;

namespace OrleansCompute.Api.Volume;

/// <summary>Cinder's snapshot routes: create, list (summary and detail), show, update, delete, reset status.</summary>
internal static class SnapshotEndpoints
{
    private static readonly IReadOnlySet<string> Filters = new HashSet<string>(StringComparer.Ordinal) { "status", "volume_id", "name", "metadata", "availability_zone" };

    private static readonly IReadOnlySet<string> CreateKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "volume_id", "name", "display_name", "description", "display_description", "force", "metadata",
    };

    private static readonly IReadOnlySet<string> UpdateKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "description", "display_name", "display_description",
    };

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/snapshots", CreateAsync);
        group.MapGet("/snapshots", ListAsync);
        group.MapGet("/snapshots/detail", ListDetailAsync);
        group.MapGet("/snapshots/{id}", ShowAsync);
        group.MapPut("/snapshots/{id}", UpdateAsync);
        group.MapDelete("/snapshots/{id}", DeleteAsync);
        group.MapPost("/snapshots/{id}/action", ActAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IGrainFactory grains)
    {
        var request = VolumeRequest.Of(context);
        request.RequireMember("volume:create_snapshot");
        using var body = await JsonBody.ReadAsync(context);
        var snapshot = CinderBody.Root(body.RootElement, "snapshot");
        CinderBody.OnlyKnown(snapshot, CreateKeys);
        var volumeId = CinderBody.Uuid(snapshot, "volume_id") ?? throw CinderBody.Invalid("volume_id", "'volume_id' is a required property");
        var force = CinderBody.BoolLike(snapshot, "force", false);
        if (request.Version.AtLeast(66) && snapshot.TryGetProperty("force", out _) && !force)
        {
            throw ComputeFaultException.BadRequest("Invalid input received: The 'force' flag is not supported with a false value from microversion 3.66.");
        }

        var update = VolumeEndpoints.ParseUpdate(snapshot);
        var command = new CreateVolumeSnapshotCommand
        {
            Caller = request.Caller,
            VolumeId = volumeId,
            Name = update.Name,
            Description = update.Description,
            Metadata = update.Metadata ?? new Dictionary<string, string>(),
            // From 3.66 an in-use volume is snapshotted without force.
            Force = force || request.Version.AtLeast(66),
        };
        var created = await grains.GetGrain<IVolumeSnapshotGrain>(Guid.NewGuid()).CreateAsync(command);
        return new JsonResponse(202, w => Envelope(w, created, request));
    }

    private static Task<IResult> ListAsync(HttpContext context, IVolumeIndex index) => ListCoreAsync(context, index, detail: false);

    private static Task<IResult> ListDetailAsync(HttpContext context, IVolumeIndex index) => ListCoreAsync(context, index, detail: true);

    private static async Task<IResult> ListCoreAsync(HttpContext context, IVolumeIndex index, bool detail)
    {
        var request = VolumeRequest.Of(context);
        var query = VolumeListQuery.Parse(request, Filters, VolumeSortKeys.Snapshot);
        var snapshots = await index.QuerySnapshotsAsync(query.Index, query.SnapshotMatches(), context.RequestAborted);
        return CinderListPage.Render(request, "snapshots", detail ? "snapshots/detail" : "snapshots", query, snapshots, s => s.Id,
            (w, snapshot) => SnapshotViews.Write(w, snapshot, request, detail));
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = VolumeRequest.Of(context);
        var snapshot = await Grain(grains, id).GetAsync(request.Caller);
        return new JsonResponse(200, w => Envelope(w, snapshot, request));
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = VolumeRequest.Of(context);
        request.RequireMember("volume:update_snapshot");
        var grain = Grain(grains, id);
        using var body = await JsonBody.ReadAsync(context);
        var snapshot = CinderBody.Root(body.RootElement, "snapshot");
        CinderBody.OnlyKnown(snapshot, UpdateKeys);
        if (!snapshot.EnumerateObject().Any())
        {
            throw CinderBody.Invalid("snapshot", "{} does not have enough properties");
        }

        var updated = await grain.UpdateAsync(request.Caller, VolumeEndpoints.ParseUpdate(snapshot));
        return new JsonResponse(200, w => Envelope(w, updated, request));
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = VolumeRequest.Of(context);
        request.RequireMember("volume:delete_snapshot");
        await Grain(grains, id).DeleteAsync(request.Caller);
        return Results.StatusCode(202);
    }

    private static async Task<IResult> ActAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = VolumeRequest.Of(context);
        var grain = Grain(grains, id);
        using var body = await CinderActionBody.ReadAsync(context);
        var action = body.Action;
        if (action.Name != "os-reset_status")
        {
            throw ComputeFaultException.BadRequest($"There is no such action: {action.Name}");
        }

        request.RequireAdmin("volume_extension:snapshot_admin_actions:reset_status");
        var status = action.Value.ValueKind == JsonValueKind.Object ? CinderBody.Text(action.Value, "status").Value?.ToLowerInvariant() : null;
        if (status is not (VolumeStatus.Creating or VolumeStatus.Available or VolumeStatus.Deleting or VolumeStatus.Error or VolumeStatus.ErrorDeleting))
        {
            throw ComputeFaultException.BadRequest($"Invalid input received: Invalid status value {status}.");
        }

        await grain.ResetStatusAsync(request.Caller, status);
        return Results.StatusCode(202);
    }

    private static void Envelope(Utf8JsonWriter w, VolumeSnapshotRecord snapshot, VolumeRequest request)
    {
        w.WriteStartObject();
        w.WritePropertyName("snapshot");
        SnapshotViews.Write(w, snapshot, request, detail: true);
        w.WriteEndObject();
    }

    private static IVolumeSnapshotGrain Grain(IGrainFactory grains, string id) =>
        Guid.TryParse(id, out var snapshotId) ? grains.GetGrain<IVolumeSnapshotGrain>(snapshotId) : throw ComputeFaultException.NotFound($"Snapshot {id} could not be found.");
}
