namespace OrleansCompute.Migrations;

/// <summary>
/// All migration records in one grain: migrations are operator actions, rare next to server requests, and no
/// create or list of servers calls it. The state is bounded: past <see cref="Capacity"/> records the oldest
/// final ones go (Nova archives old rows the same way).
/// </summary>
[GrainType("compute-migration-index")]
internal sealed class MigrationIndexGrain(
    [PersistentState("migrations", ComputeStorage.ProviderName)] IPersistentState<MigrationIndexState> state) : Grain, IMigrationIndexGrain
{
    internal const int Capacity = 5000;

    public async Task<MigrationRecord> RecordAsync(MigrationStart start)
    {
        if (state.State.Records.FirstOrDefault(r => r.Uuid == start.Uuid) is { } existing)
        {
            return existing;
        }

        var record = new MigrationRecord
        {
            Id = state.State.NextId,
            Uuid = start.Uuid,
            ServerId = start.ServerId,
            Type = start.Type,
            Status = start.Status,
            SourceCompute = start.SourceCompute,
            DestCompute = start.DestCompute,
            OldFlavorId = start.OldFlavorId,
            NewFlavorId = start.NewFlavorId,
            UserId = start.UserId,
            ProjectId = start.ProjectId,
            CreatedAt = start.At,
            UpdatedAt = start.At,
        };
        state.State.NextId++;
        state.State.Records.Add(record);
        Trim();
        await state.WriteStateAsync();
        return record;
    }

    public async Task<MigrationRecord?> AdvanceAsync(Guid serverId, IReadOnlyList<string> types, string status, string? destCompute, DateTimeOffset at)
    {
        // A record made after the status was due is a later migration's (a status retried from a server's outbox).
        var index = state.State.Records.FindLastIndex(r => r.ServerId == serverId && !r.IsFinal && r.CreatedAt <= at && types.Contains(r.Type, StringComparer.Ordinal));
        if (index < 0)
        {
            return null;
        }

        var record = state.State.Records[index];
        record = record with { Status = status, DestCompute = destCompute ?? record.DestCompute, UpdatedAt = at };
        state.State.Records[index] = record;
        await state.WriteStateAsync();
        return record;
    }

    public async Task SetDestinationAsync(Guid uuid, string destCompute, DateTimeOffset at)
    {
        var index = state.State.Records.FindIndex(r => r.Uuid == uuid);
        if (index < 0 || state.State.Records[index].DestCompute is not null)
        {
            return;
        }

        state.State.Records[index] = state.State.Records[index] with { DestCompute = destCompute, UpdatedAt = at };
        await state.WriteStateAsync();
    }

    public async Task ForgetAsync(Guid uuid)
    {
        if (state.State.Records.RemoveAll(r => r.Uuid == uuid) > 0)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<MigrationRecord>> ListAsync(Guid? serverId) =>
        Task.FromResult<IReadOnlyList<MigrationRecord>>([.. state.State.Records.Where(r => serverId is null || r.ServerId == serverId)]);

    private void Trim()
    {
        var excess = state.State.Records.Count - Capacity;
        for (var i = 0; i < state.State.Records.Count && excess > 0;)
        {
            if (state.State.Records[i].IsFinal)
            {
                state.State.Records.RemoveAt(i);
                excess--;
            }
            else
            {
                i++;
            }
        }
    }
}
