using OrleansCompute.Faults;

namespace OrleansCompute.Volumes;

/// <summary>How an update changes metadata: replace all, merge items, or remove one key (404 when it is missing).</summary>
internal static class VolumeMetadata
{
    public static IReadOnlyDictionary<string, string> Apply(IReadOnlyDictionary<string, string> current, VolumeUpdate update)
    {
        var next = new Dictionary<string, string>(update.Metadata ?? current, StringComparer.Ordinal);
        foreach (var (key, value) in update.MergeMetadata ?? new Dictionary<string, string>())
        {
            next[key] = value;
        }

        if (update.RemoveMetadataKey is { } removed && !next.Remove(removed))
        {
            throw ComputeFaultException.NotFound($"Metadata item was not found");
        }

        return next;
    }
}
