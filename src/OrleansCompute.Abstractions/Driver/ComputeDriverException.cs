namespace OrleansCompute.Driver;

/// <summary>A compute driver failure; the server records it as its fault.</summary>
public sealed class ComputeDriverException : Exception
{
    public ComputeDriverException()
    {
    }

    public ComputeDriverException(string message) : base(message)
    {
    }

    public ComputeDriverException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
