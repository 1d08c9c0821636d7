using Microsoft.Extensions.Options;
using OrleansCompute.Faults;
using OrleansCompute.Indexing;
using OrleansCompute.Quotas;
using OrleansCompute.Scheduling;
using OrleansCompute.Servers;

namespace OrleansCompute.Reservations;

/// <summary>
/// One multi-create. Steps, each persisted before the next: plan the member ids; claim quota for as many as
/// fit between min and max in one call; place the whole batch (all or nothing); create the members with
/// bounded parallelism (each create is idempotent, keyed by reservation id and launch index); done. As in
/// Nova, the caller is answered once every granted member exists (in BUILD), so a list by reservation id
/// right after the answer shows all of them. A reminder registered with the plan finishes a reservation that a crash cut short, so after a restart
/// every granted member exists exactly once and quota usage equals the members that exist.
/// </summary>
[GrainType("compute-reservation")]
internal sealed class ReservationGrain(
    [PersistentState("reservation", ComputeStorage.ProviderName)] IPersistentState<ReservationState> state,
    IOptions<ReservationOptions> options,
    IServerIndex index) : Grain, IReservationGrain, IRemindable
{
    private const string ResumeReminder = "resume";

    private Task? _run;
    private TaskCompletionSource<ReservationOutcome>? _answer;

    private string ReservationId => this.GetPrimaryKeyString();

    public async Task<ReservationOutcome> CreateAsync(ReservationRequest request)
    {
        if (state.State.Request is null)
        {
            state.State.Request = request;
            state.State.Members = Enumerable.Range(0, request.MaxCount)
                .Select(i => new ReservationMember { ServerId = Guid.NewGuid(), LaunchIndex = i, Name = request.Template.Name })
                .ToList();
            await state.WriteStateAsync();
            var period = TimeSpan.FromSeconds(options.Value.ResumeAfterSeconds);
            await this.RegisterOrUpdateReminder(ResumeReminder, period, period);
        }

        if (state.State.Completed)
        {
            return Outcome(Granted());
        }

        return await EnsureRunning().Task;
    }

    public async Task<ReservationOutcome> GetAsync()
    {
        if (state.State.Request is null)
        {
            throw ComputeFaultException.NotFound($"Reservation {ReservationId} could not be found.");
        }

        // Each member's build outcome comes from its index row: a member whose build failed is in ERROR.
        var members = new List<ReservationMember>();
        foreach (var member in Granted())
        {
            var server = await index.FindAsync(member.ServerId);
            var known = server is not null ? member with { Created = true } : member;
            members.Add(server is { VmState: VmState.Error, Fault: { } fault } && known.Failure is null ? known with { Failure = fault.Message } : known);
        }

        return Outcome(members);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        OrleansCompute.Telemetry.ComputeInstruments.ReminderFired(reminderName);
        if (state.State.Request is null || state.State.Completed)
        {
            await UnregisterAsync();
            return;
        }

        EnsureRunning();
    }

    /// <summary>
    /// One run at a time; a reminder tick or a repeated call during a run joins the same run.
    /// </summary>
    private TaskCompletionSource<ReservationOutcome> EnsureRunning()
    {
        if (_run is null || _run.IsCompleted)
        {
            _answer = new TaskCompletionSource<ReservationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            _run = RunAsync(_answer);
        }

        return _answer!;
    }

    private async Task RunAsync(TaskCompletionSource<ReservationOutcome> answer)
    {
        try
        {
            var request = state.State.Request!;
            if (state.State.Granted < 0)
            {
                await ClaimQuotaAsync(request);
            }

            if (!state.State.Scheduled)
            {
                await ScheduleAsync(request);
            }

            await CreateMembersAsync(request, Granted().Where(m => !m.Created).ToList());
            state.State.Completed = true;
            await state.WriteStateAsync();
            await UnregisterAsync();
            answer.TrySetResult(Outcome(Granted()));
        }
        catch (Exception exception)
        {
            // The caller gets the failure; the reminder tries again for whatever was planned and claimed.
            answer.TrySetException(exception);
        }
    }

    private async Task ClaimQuotaAsync(ReservationRequest request)
    {
        var template = request.Template;
        int granted;
        try
        {
            granted = await GrainFactory.GetGrain<IProjectGrain>(template.Caller.ProjectId).ClaimServersAsync(new InstanceClaim
            {
                ServerIds = state.State.Members.Select(m => m.ServerId).ToArray(),
                MinCount = request.MinCount,
                Vcpus = template.Flavor.Vcpus,
                RamMb = template.Flavor.RamMb,
                MetadataItems = request.MetadataItems,
                InjectedFiles = request.InjectedFiles,
                LongestInjectedFilePath = request.LongestInjectedFilePath,
                LargestInjectedFileContent = request.LargestInjectedFileContent,
            });
        }
        catch (ComputeFaultException)
        {
            // Nothing was claimed and nothing will be created: the reservation never happened.
            await UnregisterAsync();
            await state.ClearStateAsync();
            state.State = new ReservationState();
            throw;
        }

        // Nova's names: with more than one server each gets "-<n>", n counting from 1.
        state.State.Members = state.State.Members
            .Select((m, i) => m with { Name = granted > 1 ? $"{template.Name}-{i + 1}" : template.Name })
            .ToList();
        state.State.Granted = granted;
        await state.WriteStateAsync();
    }

    private async Task ScheduleAsync(ReservationRequest request)
    {
        var ids = Granted().Select(m => m.ServerId).ToArray();
        var scheduler = GrainFactory.GetGrain<ISchedulerGrain>(0);
        if (state.State.SchedulingStarted)
        {
            // A crash during the last attempt may have left claims whose placement was never recorded.
            await scheduler.ReleaseEverywhereAsync(ids.Select(HostClaim.ConsumerFor).ToArray());
        }
        else
        {
            state.State.SchedulingStarted = true;
            await state.WriteStateAsync();
        }

        var scheduling = request.Template.Scheduling!;
        var result = await scheduler.ScheduleAsync(scheduling with { ServerIds = ids });
        if (result.Succeeded)
        {
            var hosts = result.Placements.ToDictionary(p => p.ServerId);
            state.State.Members = state.State.Members.Select(m => hosts.TryGetValue(m.ServerId, out var p) ? m with { Host = p.Host } : m).ToList();
        }
        else
        {
            state.State.SchedulingFailure = result.Failure;
            state.State.Members = state.State.Members.Select((m, i) => i < state.State.Granted ? m with { Failure = result.Failure } : m).ToList();
        }

        state.State.Scheduled = true;
        state.State.PlacementRecords = result.Placements.ToList();
        await state.WriteStateAsync();
    }

    private async Task CreateMembersAsync(ReservationRequest request, List<ReservationMember> pending)
    {
        var placements = state.State.PlacementRecords.ToDictionary(p => p.ServerId);
        using var gate = new SemaphoreSlim(Math.Max(1, options.Value.Parallelism));
        var created = await Task.WhenAll(pending.Select(async member =>
        {
            await gate.WaitAsync();
            try
            {
                var command = request.Template with
                {
                    Name = member.Name,
                    // Below 2.19 Nova stores the display name as the description.
                    Description = request.Template.Description == request.Template.Name ? member.Name : request.Template.Description,
                    LaunchIndex = member.LaunchIndex,
                    ReservationId = ReservationId,
                    Hostname = HostnameFor(request.Template.Hostname, member),
                    Placement = placements.GetValueOrDefault(member.ServerId),
                    SchedulingFailure = state.State.SchedulingFailure,
                };
                await GrainFactory.GetGrain<IServerGrain>(member.ServerId).CreateAsync(command);
                return member.ServerId;
            }
            finally
            {
                gate.Release();
            }
        }));

        var done = created.ToHashSet();
        state.State.Members = state.State.Members.Select(m => done.Contains(m.ServerId) ? m with { Created = true } : m).ToList();
    }

    private string HostnameFor(string templateHostname, ReservationMember member) =>
        state.State.Granted > 1 ? $"{templateHostname}-{member.LaunchIndex + 1}" : templateHostname;

    private IEnumerable<ReservationMember> Granted() => state.State.Members.Take(Math.Max(0, state.State.Granted));

    private ReservationOutcome Outcome(IEnumerable<ReservationMember> members) => new()
    {
        ReservationId = ReservationId,
        Members = members.ToArray(),
        Completed = state.State.Completed,
        SchedulingFailure = state.State.SchedulingFailure,
    };

    private async Task UnregisterAsync()
    {
        if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
