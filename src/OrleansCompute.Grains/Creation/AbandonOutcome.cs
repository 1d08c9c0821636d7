namespace OrleansCompute.Creation;

/// <summary>What a server grain answered when a failed create asked it to abandon its id (<see cref="CreateCompensation.TryAbandonAsync"/>).</summary>
internal enum AbandonOutcome
{
    /// <summary>No server exists under the id, and none ever will: the claims go back.</summary>
    Abandoned,

    /// <summary>The server exists after all: it keeps its claims.</summary>
    Exists,

    /// <summary>The grain could not be asked or could not record its answer (the database is down): ask again later.</summary>
    Unknown,
}
