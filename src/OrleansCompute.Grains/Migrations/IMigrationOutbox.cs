namespace OrleansCompute.Migrations;

/// <summary>Where a migration record's status goes when the index does not take it: the server's durable outbox.</summary>
internal interface IMigrationOutbox
{
    /// <summary>Whether statuses already wait in the outbox (a newer one must queue behind them).</summary>
    bool HoldsMigrationUpdates { get; }

    /// <summary>Stores the status in the outbox (one state write) and lets the outbox retry it.</summary>
    Task DeferMigrationUpdateAsync(string status, string? destination, IReadOnlyList<string> types, DateTimeOffset at);
}
