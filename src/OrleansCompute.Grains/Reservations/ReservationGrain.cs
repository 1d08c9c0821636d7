using Microsoft.Extensions.Options;
using OrleansCompute.Creation;
using OrleansCompute.Faults;
using OrleansCompute.Indexing;
using OrleansCompute.Servers;

namespace OrleansCompute.Reservations;

/// <summary>
/// One multi-create. It plans the member ids, then runs the create saga (<see cref="ServerCreateSaga"/>: quota
/// for as many as fit between min and max, the group, the batch placed all or nothing, the members created with
/// bounded parallelism) with each step persisted before the next. As in Nova, the caller is answered once every
/// granted member exists (in BUILD), so a list by reservation id right after the answer shows all of them. A
/// reminder registered with the plan finishes a reservation that a crash cut short, so after a restart every
/// granted member exists exactly once and quota usage equals the members that exist.
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
            state.State = ServerCreateSaga.Plan(request);
            await state.WriteStateAsync();
            var period = TimeSpan.FromSeconds(options.Value.ResumeAfterSeconds);
            await this.RegisterOrUpdateReminder(ResumeReminder, period, period);
        }

        if (state.State.Completed)
        {
            return state.State.OutcomeFor(ReservationId);
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
        foreach (var member in state.State.GrantedMembers())
        {
            var server = await index.FindAsync(member.ServerId);
            var known = server is not null ? member with { Created = true } : member;
            members.Add(server is { VmState: VmState.Error, Fault: { } fault } && known.Failure is null ? known with { Failure = fault.Message } : known);
        }

        return state.State.OutcomeFor(ReservationId, members);
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
            var saga = new ServerCreateSaga(GrainFactory, ReservationId, new PersistedCreateJournal(state, UnregisterAsync), options.Value.Parallelism);
            var outcome = await saga.RunAsync();
            await UnregisterAsync();
            answer.TrySetResult(outcome);
        }
        catch (Exception exception)
        {
            // The caller gets the failure; the reminder tries again for whatever was planned and claimed.
            answer.TrySetException(exception);
        }
    }

    private async Task UnregisterAsync()
    {
        if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
