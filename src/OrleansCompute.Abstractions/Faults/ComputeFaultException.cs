namespace OrleansCompute.Faults;

/// <summary>
/// A failure the API shows as a Nova fault: the HTTP status and the message. Thrown by grains and by the API
/// layer alike; it crosses grain calls because it is serializable.
/// </summary>
[GenerateSerializer, Alias("compute.ComputeFaultException")]
public sealed class ComputeFaultException : Exception
{
    public ComputeFaultException()
    {
    }

    public ComputeFaultException(string message) : base(message)
    {
        StatusCode = 500;
    }

    public ComputeFaultException(string message, Exception innerException) : base(message, innerException)
    {
        StatusCode = 500;
    }

    public ComputeFaultException(int statusCode, string message) : base(message)
    {
        StatusCode = statusCode;
    }

    [Id(0)] public int StatusCode { get; init; } = 500;

    public static ComputeFaultException BadRequest(string message) => new(400, message);

    public static ComputeFaultException Forbidden(string message) => new(403, message);

    public static ComputeFaultException NotFound(string message) => new(404, message);

    public static ComputeFaultException Conflict(string message) => new(409, message);

    public static ComputeFaultException ServerNotFound(Guid id) => NotFound($"Instance {id} could not be found.");
}
