namespace OrleansCompute.Networking;

/// <summary>
/// The list index of the network service, in the same database as the server index. Grains write their row before
/// they answer; a row is only replaced by a higher revision. Lists read it and never call grains.
/// </summary>
public interface INeutronIndex
{
    Task UpsertAsync(NeutronIndexRow row, CancellationToken cancellationToken = default);

    Task DeleteAsync(string kind, string id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<NeutronIndexRow>> QueryAsync(NeutronIndexQuery query, CancellationToken cancellationToken = default);
}
