using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Faults;
using OrleansCompute.Volumes;

namespace OrleansCompute.Api.Volume;

/// <summary>
/// The block storage quotas (<c>os-quota-sets</c>: volumes, gigabytes, snapshots, kept per project by its quota
/// grain; Cinder's other keys are shown at their defaults) and <c>/limits</c>.
/// </summary>
internal static partial class VolumeQuotaEndpoints
{
    /// <summary>Cinder's keys this service does not limit, shown at Cinder's defaults and accepted (ignored) on update.</summary>
    private static readonly (string Key, int Value)[] FixedKeys =
    [
        ("backups", 10), ("backup_gigabytes", 1000), ("groups", 10), ("per_volume_gigabytes", -1),
        ("volumes_" + VolumeTypes.DefaultName, -1), ("snapshots_" + VolumeTypes.DefaultName, -1), ("gigabytes_" + VolumeTypes.DefaultName, -1),
    ];

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/os-quota-sets/{target}", ShowAsync);
        group.MapGet("/os-quota-sets/{target}/defaults", Defaults);
        group.MapPut("/os-quota-sets/{target}", UpdateAsync);
        group.MapDelete("/os-quota-sets/{target}", ResetAsync);
        group.MapGet("/limits", LimitsAsync);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string target, IGrainFactory grains)
    {
        var request = VolumeRequest.Of(context);
        Readable(request, target);
        var quota = await grains.GetGrain<IVolumeQuotaGrain>(target).GetAsync();
        var usage = context.Request.Query.TryGetValue("usage", out var flag) && flag[^1] is "true" or "True" or "1";
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("quota_set");
            w.WriteString("id", target);
            foreach (var (key, limit, inUse) in Rows(quota))
            {
                if (usage)
                {
                    w.WriteStartObject(key);
                    w.WriteNumber("limit", limit);
                    w.WriteNumber("in_use", inUse);
                    w.WriteNumber("reserved", 0);
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteNumber(key, limit);
                }
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static IResult Defaults(HttpContext context, string target, Microsoft.Extensions.Options.IOptions<VolumeQuotaDefaults> defaults)
    {
        var request = VolumeRequest.Of(context);
        Readable(request, target);
        var quota = new VolumeQuotaSet(defaults.Value.AsAmount(), VolumeQuotaAmount.None);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("quota_set");
            w.WriteString("id", target);
            foreach (var (key, limit, _) in Rows(quota))
            {
                w.WriteNumber(key, limit);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string target, IGrainFactory grains)
    {
        var request = VolumeRequest.Of(context);
        request.RequireAdmin("volume_extension:quotas:update");
        CheckTarget(target);
        using var body = await JsonBody.ReadAsync(context);
        var set = CinderBody.Root(body.RootElement, "quota_set");
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        var bad = new List<string>();
        foreach (var property in set.EnumerateObject())
        {
            if (property.Name is "id" or "tenant_id")
            {
                continue;
            }

            if (property.Name is not ("volumes" or "gigabytes" or "snapshots") && FixedKeys.All(k => k.Key != property.Name))
            {
                bad.Add(property.Name);
                continue;
            }

            values[property.Name] = Limit(property);
        }

        if (bad.Count > 0)
        {
            throw ComputeFaultException.BadRequest($"Bad key(s) in quota set: {string.Join(",", bad)}");
        }

        if (values.Count == 0)
        {
            throw CinderBody.Invalid("quota_set", "{} does not have enough properties");
        }

        int? Value(string key) => values.TryGetValue(key, out var value) ? value : null;
        var quota = await grains.GetGrain<IVolumeQuotaGrain>(target).SetLimitsAsync(Value("volumes"), Value("gigabytes"), Value("snapshots"));
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("quota_set");
            foreach (var (key, limit, _) in Rows(quota))
            {
                w.WriteNumber(key, limit);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ResetAsync(HttpContext context, string target, IGrainFactory grains)
    {
        var request = VolumeRequest.Of(context);
        request.RequireAdmin("volume_extension:quotas:delete");
        CheckTarget(target);
        await grains.GetGrain<IVolumeQuotaGrain>(target).ResetLimitsAsync();
        return Results.Ok();
    }

    private static async Task<IResult> LimitsAsync(HttpContext context, IGrainFactory grains)
    {
        var request = VolumeRequest.Of(context);
        var project = request.Caller.ProjectId;
        if (request.Version.AtLeast(39) && request.Caller.IsAdmin
            && (context.Request.Query.TryGetValue("project_id", out var other) || context.Request.Query.TryGetValue("tenant_id", out other)))
        {
            project = other[^1] ?? project;
            CheckTarget(project);
        }

        var quota = await grains.GetGrain<IVolumeQuotaGrain>(project).GetAsync();
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("limits");
            w.WriteStartArray("rate");
            w.WriteEndArray();
            w.WriteStartObject("absolute");
            w.WriteNumber("maxTotalVolumes", quota.Limits.Volumes);
            w.WriteNumber("maxTotalSnapshots", quota.Limits.Snapshots);
            w.WriteNumber("maxTotalVolumeGigabytes", quota.Limits.Gigabytes);
            w.WriteNumber("maxTotalBackups", 10);
            w.WriteNumber("maxTotalBackupGigabytes", 1000);
            w.WriteNumber("totalVolumesUsed", quota.InUse.Volumes);
            w.WriteNumber("totalSnapshotsUsed", quota.InUse.Snapshots);
            w.WriteNumber("totalGigabytesUsed", quota.InUse.Gigabytes);
            w.WriteNumber("totalBackupsUsed", 0);
            w.WriteNumber("totalBackupGigabytesUsed", 0);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static IEnumerable<(string Key, int Limit, int InUse)> Rows(VolumeQuotaSet quota) =>
        new[] { ("volumes", quota.Limits.Volumes, quota.InUse.Volumes), ("gigabytes", quota.Limits.Gigabytes, quota.InUse.Gigabytes), ("snapshots", quota.Limits.Snapshots, quota.InUse.Snapshots) }
            .Concat(FixedKeys.Select(k => (k.Key, k.Value, 0)));

    /// <summary>A reader of the target project, or an admin; the target must look like a project id.</summary>
    private static void Readable(VolumeRequest request, string target)
    {
        CheckTarget(target);
        if (!request.Caller.IsAdmin && target != request.Caller.ProjectId)
        {
            throw ComputeFaultException.Forbidden("Policy doesn't allow volume_extension:quotas:show to be performed.");
        }
    }

    private static void CheckTarget(string target)
    {
        if (!ProjectId().IsMatch(target))
        {
            throw ComputeFaultException.BadRequest($"Invalid input received: project id {target} is not valid.");
        }
    }

    private static int Limit(JsonProperty property)
    {
        var value = property.Value;
        var text = value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit) && limit >= -1
            ? limit
            : throw CinderBody.Invalid(property.Name, $"{property.Value.GetRawText()} is not a valid quota: an integer from -1");
    }

    [GeneratedRegex("^[0-9a-zA-Z_-]{1,64}$")]
    private static partial Regex ProjectId();
}
