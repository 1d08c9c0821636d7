using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.Api.Flavors;

namespace OrleansCompute.Api.Operator;

/// <summary>The operator's compute API (flavor management and access, compute services, hypervisors, aggregates, migrations, usage, quota classes, os-hosts, the usage audit log): its services and its routes, in one place.</summary>
internal static class OperatorApi
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddHostedService<OperatorCatalogSync>();
        services.AddHostedService<HostConfigurationWatcher>();
    }

    public static void Map(IEndpointRouteBuilder routes)
    {
        FlavorManageEndpoints.Map(routes);
        FlavorAccessEndpoints.Map(routes);
        Services.ComputeServiceEndpoints.Map(routes);
        Hypervisors.HypervisorEndpoints.Map(routes);
        Aggregates.AggregateEndpoints.Map(routes);
        Migrations.MigrationEndpoints.Map(routes);
        Usage.SimpleTenantUsageEndpoints.Map(routes);
        Quotas.QuotaClassSetEndpoints.Map(routes);
        Hosts.HostEndpoints.Map(routes);
        Hosts.InstanceUsageAuditLogEndpoints.Map(routes);
        RemovedRoutes.Map(routes);
    }
}
