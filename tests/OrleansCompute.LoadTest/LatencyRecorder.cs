using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansCompute.LoadTest;

/// <summary>Collects request latencies from many workers and summarises them as percentiles and a rate.</summary>
public sealed class LatencyRecorder
{
    private readonly ConcurrentBag<double> _milliseconds = [];
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private int _errors;
    private string? _firstError;

    public int Errors => _errors;

    public async Task<T> TimeAsync<T>(Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await call();
            Record(Stopwatch.GetElapsedTime(started));
            return result;
        }
        catch (OperationCanceledException)
        {
            // The phase's deadline cut the request short: that is the end of the run, not a failure.
            throw;
        }
        catch (Exception exception)
        {
            RecordError(exception.Message);
            throw;
        }
    }

    public void Record(TimeSpan elapsed) => _milliseconds.Add(elapsed.TotalMilliseconds);

    /// <summary>Counts a failed request; the first failure's message is kept, so that a failing run names its error.</summary>
    public void RecordError(string? message = null)
    {
        Interlocked.Increment(ref _errors);
        if (message is not null)
        {
            Interlocked.CompareExchange(ref _firstError, message, null);
        }
    }

    public void Restart() => _wall.Restart();

    public LatencySummary Summarise()
    {
        var sorted = _milliseconds.OrderBy(x => x).ToArray();
        var seconds = _wall.Elapsed.TotalSeconds;
        return new LatencySummary(
            sorted.Length,
            _errors,
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.95),
            Percentile(sorted, 0.99),
            seconds > 0 ? sorted.Length / seconds : 0,
            _firstError);
    }

    private static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return Math.Round(sorted[Math.Clamp(rank, 0, sorted.Length - 1)], 3);
    }
}

/// <summary>Latency percentiles in milliseconds, the completed rate per second, and the failures.</summary>
public sealed record LatencySummary(int Count, int Errors, double P50Ms, double P95Ms, double P99Ms, double PerSecond, string? FirstError = null)
{
    /// <summary>A scenario fails when more than this share of its requests failed.</summary>
    public const double FailureThreshold = 0.01;

    public double ErrorRate => Count + Errors == 0 ? 0 : (double)Errors / (Count + Errors);

    public bool Failed => ErrorRate > FailureThreshold;
}
