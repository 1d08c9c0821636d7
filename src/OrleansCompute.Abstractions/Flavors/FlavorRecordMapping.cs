using OrleansCompute.Catalog;

namespace OrleansCompute.Flavors;

/// <summary>
/// Between the store's immutable records and the catalog's definitions (what every reader of a flavor uses). Two
/// types on purpose: the record is the stored shape (its alias is in every database's grain state), the definition
/// the shape configuration binds; so each direction names every field, and a new field goes into both.
/// </summary>
public static class FlavorRecordMapping
{
    public static FlavorRecord ToRecord(this FlavorDefinition flavor) => new()
    {
        Id = flavor.Id,
        Name = flavor.Name,
        Vcpus = flavor.Vcpus,
        RamMb = flavor.RamMb,
        DiskGb = flavor.DiskGb,
        EphemeralGb = flavor.EphemeralGb,
        SwapMb = flavor.SwapMb,
        RxtxFactor = flavor.RxtxFactor,
        IsPublic = flavor.IsPublic,
        Description = flavor.Description,
        ExtraSpecs = new Dictionary<string, string>(flavor.ExtraSpecs, StringComparer.Ordinal),
        Projects = [.. flavor.Projects],
    };

    public static FlavorDefinition ToDefinition(this FlavorRecord flavor) => new()
    {
        Id = flavor.Id,
        Name = flavor.Name,
        Vcpus = flavor.Vcpus,
        RamMb = flavor.RamMb,
        DiskGb = flavor.DiskGb,
        EphemeralGb = flavor.EphemeralGb,
        SwapMb = flavor.SwapMb,
        RxtxFactor = flavor.RxtxFactor,
        IsPublic = flavor.IsPublic,
        Description = flavor.Description,
        ExtraSpecs = new Dictionary<string, string>(flavor.ExtraSpecs, StringComparer.Ordinal),
        Projects = [.. flavor.Projects],
    };
}
