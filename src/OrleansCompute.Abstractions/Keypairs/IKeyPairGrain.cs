using Orleans.Concurrency;
namespace OrleansCompute.Keypairs;

/// <summary>The key pairs of one user (Nova scopes key pairs to the user, not the project), keyed by user id.</summary>
[Alias("compute.IKeyPairGrain")]
public interface IKeyPairGrain : IGrainWithStringKey
{
    /// <summary>Adds a key pair; 409 for a name in use, 403 past <paramref name="limit"/> key pairs.</summary>
    [Alias("Add")]
    Task<KeyPair> AddAsync(KeyPair keyPair, int limit);

    [Alias("Find")]
    [ReadOnly]
    Task<KeyPair?> FindAsync(string name);

    [Alias("List")]
    [ReadOnly]
    Task<IReadOnlyList<KeyPair>> ListAsync();

    /// <summary>Removes a key pair; false when there is none of that name.</summary>
    [Alias("Remove")]
    Task<bool> RemoveAsync(string name);
}
