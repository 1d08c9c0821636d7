namespace OrleansCompute.Persistence.Tests.Orleans;

/// <summary>A grain that exercises ADO.NET grain storage and reminders on the SQLite schema.</summary>
public interface IPersistenceProbeGrain : IGrainWithStringKey
{
    Task<ProbeView> Write(string value);

    Task<ProbeView> Read();

    Task<ProbeView> Clear();

    Task StartReminder(string name);

    Task StopReminder(string name);
}
