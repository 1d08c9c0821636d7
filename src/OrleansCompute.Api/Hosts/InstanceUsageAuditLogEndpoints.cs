using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Operator;
using OrleansCompute.Api.Policy;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Hosts;

/// <summary>
/// <c>/os-instance_usage_audit_log</c> (admin): the audit of the last completed period (Nova's default
/// <c>instance_usage_audit_period</c>, a calendar month), or of the last one completed before a given time. The
/// simulated hosts run no periodic usage audit (Nova's <c>instance_usage_audit</c> is off by default too), so every
/// compute host is reported as not run, with no instances and no errors, as Nova reports it without task logs.
/// </summary>
internal static class InstanceUsageAuditLogEndpoints
{
    private static readonly string[] BeforeFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFF"];

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/os-instance_usage_audit_log", ListAsync).RequirePolicy(ComputePolicies.InstanceUsageAuditLogList);
        routes.MapGet("/os-instance_usage_audit_log/{before}", ShowAsync).RequirePolicy(ComputePolicies.InstanceUsageAuditLogShow);
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains, ComputeCatalog catalog, TimeProvider time) =>
        await RenderAsync("instance_usage_audit_logs", time.GetUtcNow().UtcDateTime, grains, catalog);

    private static async Task<IResult> ShowAsync(string before, IGrainFactory grains, ComputeCatalog catalog)
    {
        if (!DateTime.TryParseExact(before, BeforeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
        {
            throw ComputeFaultException.BadRequest("Invalid timestamp for date " + before);
        }

        return await RenderAsync("instance_usage_audit_log", at, grains, catalog);
    }

    private static async Task<IResult> RenderAsync(string name, DateTime before, IGrainFactory grains, ComputeCatalog catalog)
    {
        var (begin, end) = LastCompletedMonth(before);
        var hosts = (await HostInventory.ReadAsync(grains, catalog)).Select(h => h.Host).ToList();
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject(name);
            w.WriteString("period_beginning", Text(begin));
            w.WriteString("period_ending", Text(end));
            w.WriteNumber("num_hosts", hosts.Count);
            w.WriteNumber("num_hosts_done", 0);
            w.WriteNumber("num_hosts_running", 0);
            w.WriteNumber("num_hosts_not_run", hosts.Count);
            w.WriteStartArray("hosts_not_run");
            foreach (var host in hosts)
            {
                w.WriteStringValue(host);
            }

            w.WriteEndArray();
            w.WriteNumber("total_instances", 0);
            w.WriteNumber("total_errors", 0);
            w.WriteString("overall_status", hosts.Count == 0 ? "ALL hosts done. 0 errors." : $"0 of {hosts.Count} hosts done. 0 errors.");
            w.WriteStartObject("log");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    /// <summary>Nova's <c>last_completed_audit_period</c> for months: the calendar month that ended last before <paramref name="before"/>.</summary>
    internal static (DateTime Begin, DateTime End) LastCompletedMonth(DateTime before)
    {
        var end = new DateTime(before.Year, before.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        if (end >= before)
        {
            end = end.AddMonths(-1);
        }

        return (end.AddMonths(-1), end);
    }

    private static string Text(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
