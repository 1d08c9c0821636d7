using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;
using OrleansCompute.Migrations;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Migrations;

/// <summary>
/// <c>/servers/{id}/migrations</c>: the server's in-progress live migrations (list and show, 2.23+), force_complete
/// (2.22+) and abort (2.24+; queued and preparing too from 2.65). The record's status is checked here (Nova's
/// 400), the server's state by its grain (Nova's 409).
/// </summary>
internal static class ServerMigrationEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/servers/{id}/migrations", ListAsync).RequireServerPolicy(ComputePolicies.ServerMigrationsIndex);
        routes.MapGet("/servers/{id}/migrations/{migration_id}", ShowAsync).RequireServerPolicy(ComputePolicies.ServerMigrationsShow);
        routes.MapPost("/servers/{id}/migrations/{migration_id}/action", ForceCompleteAsync).RequireServerPolicy(ComputePolicies.ServerMigrationsForceComplete);
        routes.MapDelete("/servers/{id}/migrations/{migration_id}", AbortAsync).RequireServerPolicy(ComputePolicies.ServerMigrationsDelete);
    }

    private static async Task<IResult> ListAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        RequireVersion(request, 23);
        var server = await ServerOf(grains, id, request);
        var records = (await grains.GetGrain<IMigrationIndexGrain>(IMigrationIndexGrain.Key).ListAsync(server)).Where(r => r.IsLiveInProgress).ToList();
        var showHosts = context.IsAllowed(ComputePolicies.MigrationsIndexHost);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("migrations");
            foreach (var record in records)
            {
                MigrationView.WriteServerItem(w, record, request, showHosts);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id, string migration_id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        RequireVersion(request, 23);
        var server = await ServerOf(grains, id, request);
        var record = await RecordOf(grains, server, migration_id);
        if (record is null || !record.IsLiveInProgress)
        {
            throw ComputeFaultException.NotFound($"In-progress live migration {migration_id} is not found for server {id}.");
        }

        var showHosts = context.IsAllowed(ComputePolicies.MigrationsIndexHost);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("migration");
            MigrationView.WriteServerItem(w, record, request, showHosts);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ForceCompleteAsync(HttpContext context, string id, string migration_id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        RequireVersion(request, 22);
        using var body = await JsonBody.ReadAsync(context);
        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("body", root, "object");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != "force_complete")
            {
                throw SchemaErrors.Additional(property.Name);
            }

            if (property.Value.ValueKind != JsonValueKind.Null)
            {
                throw SchemaErrors.WrongType("force_complete", property.Value, "null");
            }
        }

        if (!root.TryGetProperty("force_complete", out _))
        {
            throw SchemaErrors.Required("force_complete");
        }

        var server = await ServerOf(grains, id, request);
        var record = await RecordOf(grains, server, migration_id)
            ?? throw ComputeFaultException.NotFound($"Migration {migration_id} could not be found.");
        if (record.Status != MigrationStatuses.Running)
        {
            throw ComputeFaultException.BadRequest(
                $"Migration {migration_id} state of instance {id} is {record.Status}. Cannot force_complete while the migration is in this state.");
        }

        await grains.GetGrain<IServerGrain>(server).ForceCompleteLiveMigrationAsync(request.Caller);
        return Results.StatusCode(202);
    }

    private static async Task<IResult> AbortAsync(HttpContext context, string id, string migration_id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        RequireVersion(request, 24);
        var server = await ServerOf(grains, id, request);
        var record = await RecordOf(grains, server, migration_id)
            ?? throw ComputeFaultException.NotFound($"Migration {migration_id} could not be found.");
        var abortable = request.Version.AtLeast(2, 65) ? new[] { MigrationStatuses.Running, "queued", "preparing" } : [MigrationStatuses.Running];
        if (record.Type != MigrationTypes.LiveMigration || !abortable.Contains(record.Status, StringComparer.Ordinal))
        {
            throw ComputeFaultException.BadRequest(
                $"Migration {migration_id} state of instance {id} is {record.Status}. Cannot abort live migration while the migration is in this state.");
        }

        await grains.GetGrain<IServerGrain>(server).AbortLiveMigrationAsync(request.Caller);
        return Results.StatusCode(202);
    }

    private static void RequireVersion(ComputeRequest request, int minor)
    {
        if (!request.Version.AtLeast(2, minor))
        {
            throw ComputeFaultException.NotFound("The resource could not be found.");
        }
    }

    /// <summary>The server, as the caller may see it (404 otherwise, as Nova looks it up first).</summary>
    private static async Task<Guid> ServerOf(IGrainFactory grains, string id, ComputeRequest request)
    {
        if (!Guid.TryParse(id, out var server))
        {
            throw ComputeFaultException.NotFound($"Instance {id} could not be found.");
        }

        await grains.GetGrain<IServerGrain>(server).GetAsync(request.Caller);
        return server;
    }

    private static async Task<MigrationRecord?> RecordOf(IGrainFactory grains, Guid server, string migrationId)
    {
        if (!int.TryParse(migrationId, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        return (await grains.GetGrain<IMigrationIndexGrain>(IMigrationIndexGrain.Key).ListAsync(server)).FirstOrDefault(r => r.Id == number);
    }
}
