using System.Collections.Concurrent;
using System.Net;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Cluster;

/// <summary>
/// What a well-behaved client does while silos come and go: a 503 carrying Retry-After is retried (after the
/// advertised pause, capped) until it answers; every other status is final. It records every response, so a test
/// can assert that nothing but such 503s ever failed, and that each of them had Retry-After.
/// </summary>
public sealed class RetryingNova
{
    private static readonly TimeSpan RetryDeadline = TimeSpan.FromSeconds(60);

    public ConcurrentBag<string> Unavailable { get; } = [];

    public ConcurrentBag<string> Failures { get; } = [];

    public async Task<NovaResponse> SendAsync(NovaClient node, Func<NovaClient, Task<NovaResponse>> request, string what)
    {
        var deadline = DateTime.UtcNow + RetryDeadline;
        while (true)
        {
            NovaResponse response;
            try
            {
                response = await request(node);
            }
            catch (HttpRequestException exception)
            {
                // The node itself is gone: a client's load balancer would not have sent it there.
                Failures.Add($"{what}: {exception.Message}");
                throw;
            }

            if (response.Status != HttpStatusCode.ServiceUnavailable)
            {
                if ((int)response.Status >= 500)
                {
                    Failures.Add($"{what}: {response}");
                }

                return response;
            }

            var retryAfter = response.Header("Retry-After");
            Unavailable.Add($"{what}: Retry-After={retryAfter ?? "(none)"}");
            if (retryAfter is null || !int.TryParse(retryAfter, out var seconds))
            {
                Failures.Add($"{what}: 503 without a Retry-After: {response}");
                return response;
            }

            if (DateTime.UtcNow > deadline)
            {
                Failures.Add($"{what}: still 503 after {RetryDeadline}: {response}");
                return response;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(seconds * 1000, 500)));
        }
    }
}
