using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansCompute.Api.Volume;

/// <summary>
/// The block storage service (a Cinder v3 subset) on this host: its version documents, and its resources at
/// <c>/volume/v3/{project_id}</c> and (Cinder's router has both forms) <c>/volume/v3</c>, behind the version filter.
/// </summary>
internal static class VolumeServiceApi
{
    public static void AddServices(IServiceCollection services)
    {
        services.TryAddSingleton<VolumeCreation>();
        services.AddOptions<OrleansCompute.Volumes.VolumeQuotaDefaults>().BindConfiguration(OrleansCompute.Volumes.VolumeQuotaDefaults.SectionName);
    }

    public static void Map(IEndpointRouteBuilder routes)
    {
        VolumeVersionEndpoints.Map(routes);
        MapResources(routes.MapGroup(VolumePaths.V3 + "/{project_id:regex(^[0-9a-fA-F-]+$)}"));
        MapResources(routes.MapGroup(VolumePaths.V3));
    }

    private static void MapResources(RouteGroupBuilder group)
    {
        group.AddEndpointFilter<VolumeVersionFilter>();
        group.WithTags("block-storage");
        VolumeEndpoints.Map(group);
        VolumeMetadataEndpoints.Map(group);
        SnapshotEndpoints.Map(group);
        AttachmentEndpoints.Map(group);
        VolumeTypeEndpoints.Map(group);
        VolumeQuotaEndpoints.Map(group);
    }
}
