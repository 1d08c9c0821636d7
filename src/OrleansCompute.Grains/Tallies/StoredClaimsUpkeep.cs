namespace OrleansCompute.Tallies;

/// <summary>
/// The upkeep of a grain's stored claims that a project's quota, a host's claims and a network's addresses share: a
/// claim looks for confirmed claims to forget only once the stored ones have doubled since the last look.
/// </summary>
internal sealed class StoredClaimsUpkeep
{
    /// <summary>Below this many stored claims, a claim does not look for confirmed ones to forget.</summary>
    private const int ForgetThreshold = 16;

    private int _forgetAt = ForgetThreshold;

    /// <summary>Whether a claim should look for confirmed claims to forget before its write.</summary>
    public bool ForgetDue(int storedClaims) => storedClaims >= _forgetAt;

    /// <summary>After a look (or a recount): the next look waits until the stored claims have doubled.</summary>
    public void Looked(int storedClaims) => _forgetAt = Math.Max(ForgetThreshold, 2 * storedClaims);
}
