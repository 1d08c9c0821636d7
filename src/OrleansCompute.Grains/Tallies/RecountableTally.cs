namespace OrleansCompute.Tallies;

/// <summary>
/// What each holder holds, in memory, for a reentrant grain that keeps running totals (a project's quota usage, a
/// host's claims) so a claim costs O(1) whatever it holds. Subclasses keep their totals in
/// <see cref="OnAdded"/> and <see cref="OnRemoved"/>. The grain recounts it from the server index now and then while
/// claims and releases go on; the recount must not overwrite what they changed meanwhile with what it read before,
/// so the keys they touch during a recount are remembered (<see cref="StartRecount"/>, <see cref="EndRecount"/>).
/// </summary>
internal abstract class RecountableTally<TKey, TValue>(IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
    where TValue : class
{
    private readonly IEqualityComparer<TKey>? _comparer = comparer;

    private readonly Dictionary<TKey, TValue> _held = new(comparer);

    /// <summary>The keys whose holding changed while a recount read the index; null when no recount runs.</summary>
    private HashSet<TKey>? _changedDuringRecount;

    /// <summary>How many holders hold something.</summary>
    protected int Count => _held.Count;

    protected IReadOnlyCollection<TKey> Keys => _held.Keys;

    public bool Contains(TKey key) => _held.ContainsKey(key);

    public bool TryGet(TKey key, out TValue value) => _held.TryGetValue(key, out value!);

    /// <summary>Releases what a holder holds; false when it held nothing.</summary>
    public bool Remove(TKey key)
    {
        if (!_held.Remove(key, out var value))
        {
            return false;
        }

        _changedDuringRecount?.Add(key);
        OnRemoved(key, value);
        return true;
    }

    /// <summary>Records (or replaces) what a holder holds.</summary>
    protected void Hold(TKey key, TValue value)
    {
        Remove(key);
        _changedDuringRecount?.Add(key);
        _held[key] = value;
        OnAdded(key, value);
    }

    protected abstract void OnAdded(TKey key, TValue value);

    protected abstract void OnRemoved(TKey key, TValue value);

    /// <summary>Sets every total back to zero (the held entries are already gone).</summary>
    protected abstract void OnCleared();

    /// <summary>From here on the keys that claims and releases change are remembered, until the recount ends.</summary>
    public void StartRecount() => _changedDuringRecount = new HashSet<TKey>(_comparer);

    /// <summary>Whether a claim or release changed the key since the recount started (the recount leaves it be).</summary>
    public bool ChangedDuringRecount(TKey key) => _changedDuringRecount?.Contains(key) == true;

    /// <summary>A recount that failed leaves the tally as the claims and releases made it.</summary>
    public void AbandonRecount() => _changedDuringRecount = null;

    /// <summary>
    /// Ends a recount: the tally becomes what the recount found (the index plus the unconfirmed claims), except for
    /// the keys changed since the recount started, which keep what they hold now.
    /// </summary>
    public void EndRecount(IEnumerable<KeyValuePair<TKey, TValue>> found)
    {
        var changed = _changedDuringRecount ?? new HashSet<TKey>(_comparer);
        var now = changed.ToDictionary(key => key, key => _held.GetValueOrDefault(key), _comparer);
        _changedDuringRecount = null;
        _held.Clear();
        OnCleared();
        foreach (var (key, value) in found)
        {
            Hold(key, value);
        }

        foreach (var (key, value) in now)
        {
            if (value is null)
            {
                Remove(key);
            }
            else
            {
                Hold(key, value);
            }
        }
    }
}
