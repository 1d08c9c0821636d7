namespace OrleansCompute.Events;

/// <summary>Ends a subscription that fell too far behind the events.</summary>
public sealed class ComputeEventsOverflowException : Exception
{
    public ComputeEventsOverflowException()
        : base("The event subscriber fell too far behind and was ended; subscribe again.")
    {
    }

    public ComputeEventsOverflowException(string message)
        : base(message)
    {
    }

    public ComputeEventsOverflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
