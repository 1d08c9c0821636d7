namespace OrleansCompute.Servers;

/// <summary>
/// How long a server stays in memory. A server nobody acts on needs no activation: its state is in storage, the
/// list queries read the index, and its deadlines (reclaim, offload, resize confirm, the outbox) are Orleans
/// reminders, which activate a collected grain again when they fall due. Most servers are created and then left
/// alone, and under Orleans' default age (15 minutes idle) a burst of creates kept every new server's activation in
/// memory for a quarter of an hour: issue 19 measured 1,463 MiB resident right after seeding 64,058 servers.
/// Two minutes idle still covers a client polling a build and acting again shortly after; a call after that pays
/// one state read and one index upsert when the server activates (<see cref="OnActivateAsync"/>).
/// <para>
/// Orleans counts grain calls as activity, not the grain's own background work, so a driver operation that ran
/// longer than the idle age with no call to the grain would be cut off by a collection and would not resume until
/// the next call: while an operation runs (<see cref="RunOperationAsync"/>), the grain holds itself active.
/// </para>
/// </summary>
[CollectionAgeLimit(Minutes = IdleMinutes)]
internal sealed partial class ServerGrain
{
    /// <summary>
    /// The idle time after which Orleans collects a server's activation: the smallest whole number of minutes the
    /// silo accepts (an age must be above Orleans' collection quantum, one minute by default).
    /// </summary>
    internal const double IdleMinutes = 2;

    /// <summary>How long one operation may hold the activation at most; none takes nearly as long.</summary>
    private static readonly TimeSpan OperationHold = TimeSpan.FromDays(1);

    /// <summary>Called as an operation starts: no collection while it runs, however long no call arrives.</summary>
    private void HoldWhileOperating() => DelayDeactivation(OperationHold);

    /// <summary>Called as an operation ends: once none runs, the activation is collectible again after its idle age.</summary>
    private void ReleaseWhenIdle()
    {
        if (_runningOperations == 0)
        {
            DelayDeactivation(TimeSpan.Zero);
        }
    }
}
