using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCompute.Catalog;
using OrleansCompute.Driver;
using OrleansCompute.Events;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Indexing;
using OrleansCompute.Networking;
using OrleansCompute.Scheduling;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Servers;

/// <summary>
/// One server and its lifecycle. The grain is the only writer of the server: every change goes through
/// <see cref="CommitAsync"/>, which persists the state and then the index row before the caller is answered.
/// Driver operations run in the background on the grain's own scheduler; transient task states and progress
/// live in memory and are shown by reads, while each operation's start and end are persisted (two writes per
/// operation). The lifecycle rules are the table in <see cref="Lifecycle.ServerLifecycle"/>; this file holds
/// create, read and the commit machinery, the partial files the actions, deletes, reminders and action log.
/// <para>
/// Interleaving, and the rule it follows. The grain is not reentrant, but its driver work runs as a background
/// task started from a request turn (<see cref="StartOperation"/>: <c>_ = RunOperationAsync(...)</c>) on this
/// activation's scheduler, so requests and that operation interleave at their awaits — never in parallel: one
/// thread at a time runs grain code. The rule: (1) every durable change is one <see cref="CommitAsync"/>, whose
/// check and change run under <c>_commitGate</c> on the latest state (an await inside a commit — the storage and
/// index writes — cannot let another commit in between); (2) between commits, only in-memory transient state
/// changes (<see cref="Show"/>, <c>_progress</c>), and only on the grain's scheduler: driver progress callbacks
/// are marshalled onto it (<see cref="OnGrain{T}"/>), whatever thread the driver calls them from; (3) an operation
/// re-checks its cancellation after every await before it commits, so a delete or reset that superseded it
/// wins; (4) events are published by an explicit <see cref="Show"/> at the change they describe, never as a side
/// effect of an assignment.
/// </para>
/// </summary>
[GrainType("compute-server")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The operation source is disposed in OnDeactivateAsync; the gate holds no wait handle.")]
internal sealed partial class ServerGrain(
    [PersistentState("server", ComputeStorage.ProviderName)] IPersistentState<ServerState> state,
    IComputeDriver driver,
    IServerIndex index,
    ComputeCatalog catalog,
    ComputeClock clock,
    IOptionsMonitor<ServerLifecycleOptions> lifecycle,
    IOptions<ReminderOptions> reminderOptions,
    Orleans.Serialization.DeepCopier<ServerState> copier,
    ILogger<ServerGrain> logger,
    IComputeEventPublisher? events = null) : Grain, IServerGrain, IRemindable, IServerActionHost
{
    // See "Interleaving" above: the gate makes each commit (check, state write, index write, events) one step.
    private readonly SemaphoreSlim _commitGate = new(1, 1);
    private CancellationTokenSource? _operation;
    private volatile int _progress;

    private Guid Id => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _live = state.State.Server;
        if (_live is not null)
        {
            // Re-project on activation: repairs an index row lost to a crash between state write and index write.
            await index.UpsertAsync(_live, cancellationToken);
            ResumePendingOperation();
            ResumeVolumeIntents();
            ResumeInterfaceIntent();
            await EnsureRemindersAsync();
            await ResumeOutboxAsync();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _operation?.Cancel();
        _operation?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<ServerSnapshot> CreateAsync(CreateServerCommand command)
    {
        if (state.State.Abandoned)
        {
            throw ComputeFaultException.Conflict($"Instance {Id} was abandoned before it was created.");
        }

        if (state.State.Server is { } existing)
        {
            if (existing.ReservationId == command.ReservationId && existing.LaunchIndex == command.LaunchIndex)
            {
                return Current();
            }

            throw ComputeFaultException.Conflict($"Instance {Id} already exists.");
        }

        var now = clock.UtcNow;
        var server = new ServerSnapshot
        {
            Id = Id,
            ProjectId = command.Caller.ProjectId,
            UserId = command.Caller.UserId,
            Name = command.Name,
            Description = command.Description,
            ImageRef = command.ImageRef,
            Flavor = command.Flavor,
            Metadata = command.Metadata,
            VmState = VmState.Building,
            TaskState = TaskState.Scheduling,
            PowerState = PowerState.NoState,
            CreatedAt = now,
            UpdatedAt = now,
            AccessIPv4 = command.AccessIPv4,
            AccessIPv6 = command.AccessIPv6,
            DiskConfig = command.DiskConfig,
            AvailabilityZone = command.AvailabilityZone ?? "",
            ConfigDrive = command.ConfigDrive,
            KeyName = command.KeyName,
            SecurityGroups = command.SecurityGroups,
            InstanceName = InstanceNameFor(Id),
            Hostname = command.Hostname,
            ReservationId = command.ReservationId,
            LaunchIndex = command.LaunchIndex,
            UserData = command.UserData,
            Tags = command.Tags,
            TrustedImageCertificates = command.TrustedImageCertificates,
            SchedulerHints = command.SchedulerHints,
            PinnedAvailabilityZone = command.AvailabilityZone,
            // Boot from volume: the create step reserved them; the intents are finished below (ResumeVolumeIntents).
            Volumes = [.. command.BootVolumes.Select(v => v.IntentFor(Id))],
        };

        server = WithCreatePlacement(server, command);
        state.State.RequestedNetworks = command.Networks;
        state.State.AutoAllocateNetwork = command.AutoAllocateNetwork;
        if (server.VmState == VmState.Error)
        {
            // The reservation could not place the batch: the server is recorded in ERROR and never built.
            await CommitAsync(
                _ => server,
                pending: null,
                s =>
                {
                    StartAction(s, "create", BuildEvent, command.Caller, now);
                    FinishAction(s, command.Caller.RequestId, server.Fault?.Message);
                });
            ResumeVolumeIntents();
            return Current();
        }

        await CommitAsync(
            _ => server,
            Pending(DriverOperation.Spawn, command.Caller.RequestId),
            s => StartAction(s, "create", BuildEvent, command.Caller, now));
        var created = Current();
        ResumeVolumeIntents();
        StartOperation(BuildAsync);
        return created;
    }

    public Task<ServerSnapshot> GetAsync(CallerContext caller) => Task.FromResult(Visible(caller));

    private ServerSnapshot Visible(CallerContext caller)
    {
        var server = _live;
        if (server is null || server.Deleted || !caller.CanSee(server.ProjectId))
        {
            throw ComputeFaultException.ServerNotFound(Id);
        }

        return Current();
    }

    private ServerSnapshot Current()
    {
        var server = _live!;
        return state.State.Pending is not null && server.Progress != _progress ? server with { Progress = _progress } : server;
    }

    private void ResumePendingOperation()
    {
        var pending = state.State.Pending;
        if (pending is null)
        {
            return;
        }

        if (pending.Action is { } action)
        {
            var command = pending.Command ?? new ServerActionCommand { Caller = SystemCaller(pending.RequestId), Action = action };
            StartOperation(token => RunTransitionAsync(Lifecycle.ServerLifecycle.For(action), command, token));
        }
        else if (pending.Operation == DriverOperation.Spawn)
        {
            StartOperation(BuildAsync);
        }
        else if (pending.Operation == DriverOperation.Destroy)
        {
            var command = new ServerActionCommand { Caller = SystemCaller(pending.RequestId), Action = ServerActionKind.Delete };
            StartOperation(token => RunTransitionAsync(Lifecycle.ServerLifecycle.For(ServerActionKind.Delete), command, token));
        }
    }

    /// <summary>Starts a background operation; whatever ran before is superseded (cancelled).</summary>
    private void StartOperation(Func<CancellationToken, Task> operation)
    {
        _operation?.Cancel();
        _operation?.Dispose();
        _operation = new CancellationTokenSource();
        _progress = 0;
        var token = _operation.Token;
        // Runs on this activation's scheduler: it interleaves with requests only at awaits, never in parallel.
        _ = RunOperationAsync(operation, token);
    }

    /// <summary>Cancels the background operation, if any (a delete or reset supersedes it).</summary>
    private void CancelOperation()
    {
        _operation?.Cancel();
    }

    private async Task RunOperationAsync(Func<CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        _runningOperations++;
        HoldWhileOperating();
        try
        {
            await operation(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Superseded (a delete during a build) or deactivated; a persisted pending operation resumes later.
        }
        catch (Exception exception)
        {
            LogOperationFailed(logger, exception, Id);
            RetryIfTransient(exception);
        }
        finally
        {
            _runningOperations--;
            ReleaseWhenIdle();
        }
    }

    private async Task BuildAsync(CancellationToken cancellationToken)
    {
        var requestId = state.State.Pending?.RequestId ?? "";
        var placed = await PlaceAsync();
        if (!placed.Succeeded)
        {
            await FailBuildAsync(requestId, 500, placed.Failure!, "NoValidHost", cancellationToken);
            return;
        }

        // An operation that superseded the build while it was being placed (os-resetState, delete) owns the state now.
        cancellationToken.ThrowIfCancellationRequested();
        Show(_live! with { TaskState = TaskState.Networking });
        List<ServerAddress> addresses;
        try
        {
            addresses = await AllocateNetworksAsync();
        }
        catch (ComputeFaultException fault)
        {
            await FailBuildAsync(requestId, 500, $"Build of instance {Id} aborted: {fault.Message}", "BuildAbortException", cancellationToken);
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        Show(_live! with { TaskState = TaskState.Spawning, Addresses = addresses });
        try
        {
            await driver.ExecuteAsync(DriverOperation.Spawn, _live, OnGrain<int>(p => _progress = p, cancellationToken), cancellationToken);
        }
        catch (ComputeDriverException failure)
        {
            await FailBuildAsync(requestId, 500, $"Build of instance {Id} aborted: {failure.Message}", "ComputeDriverException", cancellationToken);
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        await CommitAsync(
            s => s with
            {
                VmState = VmState.Active,
                TaskState = null,
                PowerState = PowerState.Running,
                Progress = 0,
                LaunchedAt = clock.UtcNow,
            },
            pending: null,
            s =>
            {
                s.RequestedNetworks = [];
                FinishAction(s, requestId, error: null);
            },
            cancellationToken);
    }

    private async Task<List<ServerAddress>> AllocateNetworksAsync()
    {
        var requests = state.State.RequestedNetworks.Count > 0
            ? state.State.RequestedNetworks
            : state.State.AutoAllocateNetwork && catalog.DefaultNetwork is { } network ? [new NetworkRequest { NetworkId = network.Id }] : [];
        var addresses = new List<ServerAddress>(requests.Count);
        var seen = new List<(string?, string?)>(requests.Count);
        foreach (var request in requests)
        {
            var networkId = request.NetworkId ?? catalog.DefaultNetwork?.Id;
            if (networkId is null)
            {
                continue;
            }

            // The port comes from the network service; several NICs on one network each get their own port.
            seen.Add((networkId, request.FixedIp));
            addresses.AddRange(await GrainFactory.GetGrain<INetworkGrain>(networkId).AttachAsync(
                ServerPorts.Request(_live!, request, seen.Count(s => s == (networkId, request.FixedIp)) - 1)));
        }

        return addresses;
    }

    private Task FailBuildAsync(string requestId, int code, string message, string details, CancellationToken cancellationToken) =>
        CommitAsync(
            s => s with
            {
                VmState = VmState.Error,
                TaskState = null,
                Progress = 0,
                Fault = new ServerFault { Code = code, Message = message, Created = clock.UtcNow, Details = details },
            },
            pending: null,
            s => FinishAction(s, requestId, error: details),
            cancellationToken);

    /// <summary>
    /// Applies a change to the live server (and optionally to the rest of the state), persists it, then writes
    /// the index row. Both delegates run under the commit gate on the latest state, so a check inside
    /// <paramref name="change"/> and the change it guards are atomic. A cancelled <paramref name="guard"/> means
    /// the operation that asked was superseded while it waited: nothing is written.
    /// </summary>
    private async Task CommitAsync(
        Func<ServerSnapshot, ServerSnapshot> change,
        PendingOperation? pending,
        Action<ServerState>? alsoChange = null,
        CancellationToken guard = default)
    {
        await _commitGate.WaitAsync(CancellationToken.None);
        try
        {
            guard.ThrowIfCancellationRequested();
            var previous = _live;
            var previousPending = state.State.Pending;
            // What is stored, to put back if the write fails and reading it back fails too (the database is down).
            var stored = copier.Copy(state.State);
            var next = change(previous!) with
            {
                Revision = (state.State.Server?.Revision ?? 0) + 1,
                UpdatedAt = clock.UtcNow,
            };
            state.State.Server = next;
            state.State.Pending = pending;
            alsoChange?.Invoke(state.State);
            try
            {
                await state.WriteStateAsync(CancellationToken.None);
            }
            catch
            {
                // The in-memory state object was changed in place: reload the stored truth. When the database cannot
                // be read either (an outage), put back what was stored before this commit, its pending operation
                // included, so that the retry runs it again.
                try
                {
                    await state.ReadStateAsync(CancellationToken.None);
                }
                catch (Exception reload) when (OrleansCompute.Faults.StorageOutage.Find(reload) is not null)
                {
                    state.State = stored;
                }

                throw;
            }

            Show(next);
            try
            {
                await index.UpsertAsync(next, CancellationToken.None);
            }
            catch (Exception exception) when (OrleansCompute.Faults.StorageOutage.Find(exception) is not null)
            {
                // The state write passed, so the transition happened; only its index row is missing (the database went
                // away in between). The caller still hears of the outage, and the grain repairs the row, and resumes a
                // pending operation (a create's build), once the database is back, instead of leaving a server that
                // exists, holds its quota, but is neither listed nor built until its next activation.
                RetryIfTransient(exception);
                throw;
            }

            PublishTransition(previous, next, previousPending?.RequestId ?? pending?.RequestId);
        }
        finally
        {
            _commitGate.Release();
        }
    }

    private PendingOperation Pending(DriverOperation operation, string requestId, ServerActionKind? action = null, ServerActionCommand? command = null) =>
        new() { Operation = operation, RequestId = requestId, StartedAt = clock.UtcNow, Action = action, Command = command };

    /// <summary>Nova's <c>instance-%08x</c> over an internal integer id; ours is derived from the UUID.</summary>
    private static string InstanceNameFor(Guid id) => "instance-" + id.ToString("N")[..8];

    [LoggerMessage(Level = LogLevel.Error, Message = "Operation of server {ServerId} failed")]
    private static partial void LogOperationFailed(ILogger logger, Exception exception, Guid serverId);
}
