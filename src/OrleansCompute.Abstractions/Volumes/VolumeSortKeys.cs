namespace OrleansCompute.Volumes;

/// <summary>One term of a Cinder list's sort (<c>sort=key:dir</c>, or <c>sort_key</c>/<c>sort_dir</c>).</summary>
public sealed record VolumeSortTerm(string Key, bool Descending);

/// <summary>
/// The keys a volume or snapshot list sorts by (the columns Cinder's models have and this service keeps), and the
/// order they give: terms in turn, then Cinder's tie-breakers <c>created_at</c> and <c>id</c> in the first term's
/// direction. Nulls sort first ascending, as the smallest value.
/// </summary>
public static class VolumeSortKeys
{
    private static readonly string[] TieBreakers = ["created_at", "id"];

    public static readonly IReadOnlyDictionary<string, Func<VolumeRecord, IComparable?>> Volume = new Dictionary<string, Func<VolumeRecord, IComparable?>>(StringComparer.Ordinal)
    {
        ["id"] = v => v.Id.ToString("D"),
        ["name"] = v => v.Name,
        ["display_name"] = v => v.Name,
        ["description"] = v => v.Description,
        ["status"] = v => v.Status,
        ["size"] = v => v.Size,
        ["created_at"] = v => v.CreatedAt,
        ["updated_at"] = v => v.UpdatedAt,
        ["availability_zone"] = v => v.AvailabilityZone,
        ["bootable"] = v => v.Bootable,
        ["project_id"] = v => v.ProjectId,
        ["user_id"] = v => v.UserId,
        ["volume_type_id"] = v => v.VolumeType,
        ["snapshot_id"] = v => v.SnapshotId?.ToString("D"),
        ["source_volid"] = v => v.SourceVolumeId?.ToString("D"),
    };

    public static readonly IReadOnlyDictionary<string, Func<VolumeSnapshotRecord, IComparable?>> Snapshot = new Dictionary<string, Func<VolumeSnapshotRecord, IComparable?>>(StringComparer.Ordinal)
    {
        ["id"] = s => s.Id.ToString("D"),
        ["name"] = s => s.Name,
        ["display_name"] = s => s.Name,
        ["description"] = s => s.Description,
        ["status"] = s => s.Status,
        ["size"] = s => s.Size,
        ["volume_size"] = s => s.Size,
        ["created_at"] = s => s.CreatedAt,
        ["updated_at"] = s => s.UpdatedAt,
        ["volume_id"] = s => s.VolumeId.ToString("D"),
        ["project_id"] = s => s.ProjectId,
        ["user_id"] = s => s.UserId,
    };

    /// <summary>The terms with Cinder's tie-breakers appended (created_at, id) in the first term's direction.</summary>
    public static IReadOnlyList<VolumeSortTerm> WithTieBreakers(IReadOnlyList<VolumeSortTerm> terms)
    {
        var descending = terms.Count == 0 || terms[0].Descending;
        var keys = terms.Select(t => t.Key == "display_name" ? "name" : t.Key).ToHashSet(StringComparer.Ordinal);
        return [.. terms, .. TieBreakers.Where(key => !keys.Contains(key)).Select(key => new VolumeSortTerm(key, descending))];
    }

    public static IComparer<T> Comparer<T>(IReadOnlyList<VolumeSortTerm> terms, IReadOnlyDictionary<string, Func<T, IComparable?>> keys) =>
        System.Collections.Generic.Comparer<T>.Create((left, right) =>
        {
            foreach (var term in terms)
            {
                var select = keys[term.Key];
                var order = Compare(select(left), select(right));
                if (order != 0)
                {
                    return term.Descending ? -order : order;
                }
            }

            return 0;
        });

    private static int Compare(IComparable? left, IComparable? right) =>
        (left, right) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            (string a, string b) => string.CompareOrdinal(a, b),
            _ => left.CompareTo(right),
        };
}
