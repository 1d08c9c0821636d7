using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.Telemetry;

namespace OrleansCompute.Hosting.Telemetry;

/// <summary>
/// Embedded mode's group commit on the compute meter: transactions, commands and the SQL texts SQLite prepared for
/// them, read from the database's counts at each collection. With <c>dotnet-counters</c> or a scrape they give
/// commands per transaction (the grouping) and prepares per command (what the statement cache missed) of a live host.
/// </summary>
internal sealed class GroupCommitInstruments : IHostedService
{
    public GroupCommitInstruments(IMeterFactory meters, SqliteComputeDatabase database)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(database);
        var meter = meters.Create(ComputeTelemetry.MeterName);
        meter.CreateObservableCounter(ComputeTelemetry.GroupCommitTransactionsInstrument, () => database.GroupCommitCounts.Transactions,
            unit: "{transaction}", description: "SQLite group-commit transactions.");
        meter.CreateObservableCounter(ComputeTelemetry.GroupCommitCommandsInstrument, () => database.GroupCommitCounts.Commands,
            unit: "{command}", description: "Commands the SQLite group commit ran.");
        meter.CreateObservableCounter(ComputeTelemetry.GroupCommitPreparesInstrument, () => database.GroupCommitCounts.Prepares,
            unit: "{statement}", description: "SQL texts the SQLite group commit had SQLite prepare.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
