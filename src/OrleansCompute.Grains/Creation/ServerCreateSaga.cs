using OrleansCompute.Faults;
using OrleansCompute.Reservations;
using OrleansCompute.Servers;

namespace OrleansCompute.Creation;

/// <summary>
/// The create of one server or of a reservation of several, step by step in Nova's order: reserve the fixed
/// addresses asked for (409 when taken), claim quota for as many members as fit between min and max (403), join
/// the server group within its member limit (403), place the batch (all or nothing), create the members. A
/// refusal before the members are created gives back what the earlier steps took.
/// <para>
/// The journal decides the rest (<see cref="ICreateJournal"/>). A reservation persists each step: it places its
/// batch itself, and once its members are being created it finishes after a failure (its resume reminder runs
/// this saga again from the recorded step) rather than undo. A single create keeps its progress in memory, so
/// that it stays a few grain calls long: its server places itself in its build (which persists the host), and
/// when a step fails it gives everything back if the server certainly does not exist (<see cref="CreateCompensation"/>).
/// </para>
/// </summary>
internal sealed class ServerCreateSaga(IGrainFactory grains, string reservationId, ICreateJournal journal, int parallelism)
{
    /// <summary>The addresses this run holds: only these are released, never one another server holds.</summary>
    private readonly List<NetworkRequest> _reservedAddresses = [];
    private bool _claimSent;
    private bool _joinSent;
    private bool _volumesSent;
    private bool _creating;

    private ReservationState Progress => journal.Progress;

    private ReservationRequest Request => Progress.Request!;

    /// <summary>The plan of a create: one member per possible server (max_count), each with its id.</summary>
    public static ReservationState Plan(ReservationRequest request) => new()
    {
        Request = request,
        Members = Enumerable.Range(0, request.MaxCount)
            .Select(i => new ReservationMember { ServerId = Guid.NewGuid(), LaunchIndex = i, Name = request.Template.Name })
            .ToList(),
    };

    public async Task<ReservationOutcome> RunAsync()
    {
        try
        {
            await ReserveAddressesAsync();
            await ClaimQuotaAsync();
            await JoinGroupAsync();
            await PlaceAsync();
            await PrepareBootVolumesAsync();
            _creating = true;
            await MemberCreateStep.CreateAsync(grains, Progress, reservationId, parallelism);
        }
        catch (Exception failure)
        {
            await CompensateAsync(failure);
            throw;
        }

        Progress.Completed = true;
        await journal.SaveAsync();
        return Progress.OutcomeFor(reservationId);
    }

    private async Task ReserveAddressesAsync()
    {
        if (Progress.AddressesReserved)
        {
            return;
        }

        // Nova takes fixed IPs and ports on single creates only: the one member holds them.
        await AddressReservationStep.ReserveAsync(grains, Progress.Members[0].ServerId, Request.Template, Request.FixedAddresses, _reservedAddresses);
        Progress.AddressesReserved = true;
        await journal.SaveAsync();
    }

    private async Task ClaimQuotaAsync()
    {
        if (Progress.Granted >= 0)
        {
            return;
        }

        _claimSent = true;
        await QuotaClaimStep.ClaimAsync(grains, Progress);
        await journal.SaveAsync();
    }

    private async Task JoinGroupAsync()
    {
        // A reservation whose placement started has its members in the group already (joining again would
        // forget the hosts the scheduler recorded).
        if (Progress.GroupJoined || Progress.SchedulingStarted || Request.Template.ServerGroupId is not { } group)
        {
            return;
        }

        _joinSent = true;
        await GroupMembershipStep.JoinAsync(grains, group, GrantedIds(), Request.GroupMemberLimit);
        Progress.GroupJoined = true;
        await journal.SaveAsync();
    }

    private async Task PlaceAsync()
    {
        if (!journal.IsDurable || Progress.Scheduled)
        {
            return;
        }

        if (!await BatchPlacementStep.PlaceAsync(grains, journal) && Request.Template.ServerGroupId is { } group)
        {
            // A batch that could not be placed holds no place in its group (its members exist, in ERROR).
            await GroupMembershipStep.LeaveAsync(grains, group, GrantedIds());
        }

        Progress.Scheduled = true;
        await journal.SaveAsync();
    }

    private async Task PrepareBootVolumesAsync()
    {
        if (Request.Template.BootVolumes.Count == 0)
        {
            return;
        }

        _volumesSent = true;
        await BootVolumeStep.PrepareAsync(grains, Request.Template, GrantedIds());
    }

    /// <summary>
    /// Gives back what the steps took when the failure leaves no server behind. A reservation gives back only
    /// after a refusal before its members are created; any other failure is finished by its resume. A single
    /// create that cannot settle it now (the database is down, so the server grain can be neither asked nor its
    /// answer recorded, or a release fails) keeps trying in the background once the caller has its answer, so
    /// that the claims come back within seconds of the outage's end, not at the project's next reconciliation.
    /// </summary>
    private async Task CompensateAsync(Exception failure)
    {
        if (journal.IsDurable)
        {
            if (failure is ComputeFaultException && !_creating)
            {
                await GiveBackAsync();
                await journal.ForgetAsync();
            }

            return;
        }

        var refused = CreateCompensation.GivesBack(failure);
        if (!await TrySettleAsync(refused))
        {
            CreateCompensation.RetryInBackground(() => TrySettleAsync(refused));
        }
    }

    /// <summary>
    /// One attempt to settle a failed single create: true when done (given back, or a member exists and keeps
    /// the claims); false when it must be tried again. A refusal needs no question: the server certainly does
    /// not exist. Any other failure asks each member's grain to abandon its id (<see cref="CreateCompensation"/>).
    /// </summary>
    private async Task<bool> TrySettleAsync(bool refused)
    {
        if (!refused)
        {
            foreach (var member in Progress.Members)
            {
                switch (await CreateCompensation.TryAbandonAsync(grains.GetGrain<IServerGrain>(member.ServerId)))
                {
                    case AbandonOutcome.Exists:
                        return true;
                    case AbandonOutcome.Unknown:
                        return false;
                }
            }
        }

        try
        {
            // Each release is idempotent per server, so a retry after a partial give-back repeats the done ones harmlessly.
            await GiveBackAsync();
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Undoes the steps that ran (or may have run: a claim or join whose answer was lost), last first.</summary>
    private async Task GiveBackAsync()
    {
        var template = Request.Template;
        if (_volumesSent)
        {
            await BootVolumeStep.ReleaseAsync(grains, template, GrantedIds());
        }

        if (template.ServerGroupId is { } group && (Progress.GroupJoined || _joinSent))
        {
            await GroupMembershipStep.LeaveAsync(grains, group, GrantedIds());
        }

        if (Progress.Granted >= 0 || _claimSent)
        {
            await QuotaClaimStep.ReleaseAsync(grains, template.Caller.ProjectId, GrantedIds());
        }

        await AddressReservationStep.ReleaseAsync(grains, Progress.Members[0].ServerId, _reservedAddresses);
    }

    /// <summary>The members the quota granted; all planned ones while the grant is not known.</summary>
    private IReadOnlyList<Guid> GrantedIds() =>
        (Progress.Granted >= 0 ? Progress.GrantedMembers() : Progress.Members).Select(m => m.ServerId).ToArray();
}
