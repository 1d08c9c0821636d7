using Microsoft.Extensions.Logging;

namespace OrleansCompute.Faults;

/// <summary>
/// A grain call that failed because the database is unavailable fails with <see cref="StorageUnavailableException"/>
/// instead of the driver's exception: Orleans has no codec for Npgsql's or SQLite's exceptions, so between silos
/// the caller saw a serialization failure (a 500), and the API could not tell an outage from a bug.
/// </summary>
public sealed partial class StorageOutageGrainCallFilter(ILogger<StorageOutageGrainCallFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception exception) when (exception is not StorageUnavailableException && StorageOutage.Find(exception) is { } outage)
        {
            LogOutage(logger, exception, context.InterfaceName, context.MethodName);
            throw outage;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Interface}.{Method} failed: the database is unavailable")]
    private static partial void LogOutage(ILogger logger, Exception exception, string @interface, string method);
}
