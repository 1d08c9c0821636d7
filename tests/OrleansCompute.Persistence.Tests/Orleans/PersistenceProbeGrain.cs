namespace OrleansCompute.Persistence.Tests.Orleans;

[GrainType("persistence-probe")]
public sealed class PersistenceProbeGrain(
    [PersistentState("probe", ProbeCluster.StorageName)] IPersistentState<ProbeState> state,
    ReminderTickLog tickLog) : Grain, IPersistenceProbeGrain, IRemindable
{
    public async Task<ProbeView> Write(string value)
    {
        state.State = new ProbeState { Value = value };
        await state.WriteStateAsync();
        return View();
    }

    public Task<ProbeView> Read() => Task.FromResult(View());

    public async Task<ProbeView> Clear()
    {
        await state.ClearStateAsync();
        return View();
    }

    public Task StartReminder(string name) =>
        this.RegisterOrUpdateReminder(name, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    public async Task StopReminder(string name)
    {
        if (await this.GetReminder(name) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        tickLog.Record(this.GetPrimaryKeyString(), reminderName);
        return Task.CompletedTask;
    }

    private ProbeView View() => new(state.State.Value, state.Etag, state.RecordExists);
}
