namespace OrleansCompute.Api.Faults;

/// <summary>Orleans' transport failures while a silo dies or joins; they pass once membership settles.</summary>
internal static class ClusterUnavailable
{
    public static bool Is(Exception exception) => exception switch
    {
        Orleans.Runtime.OrleansMessageRejectionException => true,
        Orleans.Runtime.GatewayTooBusyException => true,
        Orleans.Runtime.ClientNotAvailableException => true,
        TimeoutException => true,
        Orleans.Runtime.OrleansException { InnerException: { } inner } => Is(inner),
        _ => false,
    };
}
