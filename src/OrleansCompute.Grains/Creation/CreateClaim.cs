using OrleansCompute.Quotas;
using OrleansCompute.Reservations;

namespace OrleansCompute.Creation;

/// <summary>The quota claim of a create: its planned server ids, its counts, its flavor and its per-request figures.</summary>
internal static class CreateClaim
{
    public static InstanceClaim For(ReservationRequest request, IReadOnlyList<Guid> serverIds) => new()
    {
        ServerIds = serverIds,
        MinCount = request.MinCount,
        Vcpus = request.Template.Flavor.Vcpus,
        RamMb = request.Template.Flavor.RamMb,
        MetadataItems = request.MetadataItems,
        InjectedFiles = request.InjectedFiles,
        LongestInjectedFilePath = request.LongestInjectedFilePath,
        LargestInjectedFileContent = request.LargestInjectedFileContent,
    };
}
