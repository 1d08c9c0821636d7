using System.Collections.Concurrent;
using OrleansCompute.Migrations;

namespace OrleansCompute.Tests.Operator;

/// <summary>
/// A silo-side fault: <see cref="IMigrationIndexGrain.AdvanceAsync"/> for a chosen server throws (as a call to a
/// dead silo does) until healed; every attempt on that server is counted.
/// </summary>
public sealed class MigrationIndexFaults : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<Guid, bool> _failing = new();
    private readonly ConcurrentDictionary<Guid, int> _attempts = new();

    public void Fail(Guid serverId) => _failing[serverId] = true;

    public void Heal(Guid serverId) => _failing.TryRemove(serverId, out _);

    public int Attempts(Guid serverId) => _attempts.GetValueOrDefault(serverId);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType == typeof(IMigrationIndexGrain)
            && context.InterfaceMethod.Name == nameof(IMigrationIndexGrain.AdvanceAsync)
            && context.Request.GetArgument(0) is Guid serverId)
        {
            _attempts.AddOrUpdate(serverId, 1, (_, n) => n + 1);
            if (_failing.ContainsKey(serverId))
            {
                throw new InvalidOperationException("Injected: unable to connect to the silo of the migration index.");
            }
        }

        await context.Invoke();
    }
}
