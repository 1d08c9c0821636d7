using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Api.Servers;
using OrleansCompute.Migrations;

namespace OrleansCompute.Api.Migrations;

/// <summary>
/// <c>GET /os-migrations</c> from the migration index: a project manager may list its own project's records
/// (2.80+, <c>?project_id=</c> its own), anything else needs the all-projects rule; host fields need the host rule.
/// </summary>
internal static class MigrationEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/os-migrations", ListAsync).RequirePolicy(ComputePolicies.MigrationsIndex);
        ServerMigrationEndpoints.Map(routes);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var query = MigrationListQuery.Parse(context.Request.Query, request.Version);
        if (query.ProjectId != request.Caller.ProjectId)
        {
            context.Authorize(ComputePolicies.MigrationsIndexAllProjects);
        }

        var paged = request.Version.AtLeast(2, 59);
        var records = query.Apply(await grains.GetGrain<IMigrationIndexGrain>(IMigrationIndexGrain.Key).ListAsync(null), paged);
        var showHosts = context.IsAllowed(ComputePolicies.MigrationsIndexHost);
        var next = paged && records.Count > 0
            ? NextPageLink.For(context.Request.Query, request.Links.Collection("os-migrations"), records.Count, query.Limit ?? -1, records[^1].Uuid.ToString())
            : null;
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("migrations");
            foreach (var record in records)
            {
                MigrationView.WriteIndexItem(w, record, request, showHosts);
            }

            w.WriteEndArray();
            NextPageLink.Write(w, "migrations_links", next);

            w.WriteEndObject();
        });
    }
}
