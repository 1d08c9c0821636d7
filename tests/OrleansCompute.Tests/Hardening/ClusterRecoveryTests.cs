using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using OrleansCompute.Api.Faults;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// While a dead silo is being declared dead: a read is served again until its grain answers from a survivor (within
/// the membership's recovery window), a write never runs twice, and the 503 says how long recovery takes.
/// </summary>
public sealed class ClusterRecoveryTests
{
    internal static ClusterRecovery Recovery(TimeSpan probeTimeout) =>
        new(Options.Create(new ClusterMembershipOptions { ProbeTimeout = probeTimeout, NumMissedProbesLimit = 3 }));

    [Fact]
    public void The_recovery_window_is_the_missed_probes_and_the_vote_after_them()
    {
        var recovery = Recovery(TimeSpan.FromSeconds(2));

        recovery.Window.Should().Be(TimeSpan.FromSeconds(8));
        recovery.RetryAfter.Should().Be("8");
        Recovery(TimeSpan.FromMilliseconds(1100)).RetryAfter.Should().Be("5", "Retry-After rounds up, never promising too early");
    }

    [Fact]
    public async Task An_unreachable_silo_is_a_503_whose_Retry_After_is_the_recovery_window()
    {
        var context = Context("GET");
        var middleware = new FaultMiddleware(_ => throw new SiloUnavailableException("dead"), Recovery(TimeSpan.FromSeconds(2)), NullLogger<FaultMiddleware>.Instance);

        await middleware.InvokeAsync(context);

        context.Response.StatusCode.Should().Be(503);
        context.Response.Headers.RetryAfter.ToString().Should().Be("8");
    }

    [Fact]
    public async Task A_read_that_found_the_silo_dead_is_served_again_once_the_grain_answers()
    {
        var calls = 0;
        var context = Context("GET");
        var middleware = Retry(TimeSpan.FromSeconds(2), http =>
        {
            if (++calls < 3)
            {
                http.Response.StatusCode = 418;
                throw new SiloUnavailableException("dead");
            }

            http.Response.StatusCode = 200;
            return Task.CompletedTask;
        });

        await middleware.InvokeAsync(context);

        calls.Should().Be(3);
        context.Response.StatusCode.Should().Be(200);
    }

    [Fact]
    public async Task A_read_gives_up_within_the_recovery_window()
    {
        var calls = 0;
        var middleware = Retry(TimeSpan.FromMilliseconds(500), _ =>
        {
            calls++;
            throw new SiloUnavailableException("dead");
        });
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        await FluentActions.Awaiting(() => middleware.InvokeAsync(Context("GET"))).Should().ThrowAsync<SiloUnavailableException>();

        System.Diagnostics.Stopwatch.GetElapsedTime(started).Should().BeLessThan(TimeSpan.FromSeconds(3), "the window is 2 s; a pause that would pass it is not taken");
        calls.Should().BeGreaterThan(1);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task A_write_is_never_run_twice(string method)
    {
        var calls = 0;
        var middleware = Retry(TimeSpan.FromSeconds(2), _ =>
        {
            calls++;
            throw new SiloUnavailableException("dead after the commit, perhaps");
        });

        await FluentActions.Awaiting(() => middleware.InvokeAsync(Context(method))).Should().ThrowAsync<SiloUnavailableException>();

        calls.Should().Be(1);
    }

    [Fact]
    public async Task A_read_that_failed_otherwise_is_not_retried()
    {
        var calls = 0;
        var middleware = Retry(TimeSpan.FromSeconds(2), _ =>
        {
            calls++;
            throw new InvalidOperationException("a bug, not a dead silo");
        });

        await FluentActions.Awaiting(() => middleware.InvokeAsync(Context("GET"))).Should().ThrowAsync<InvalidOperationException>();

        calls.Should().Be(1);
    }

    private static ClusterReadRetryMiddleware Retry(TimeSpan probeTimeout, RequestDelegate next) =>
        new(next, Recovery(probeTimeout), NullLogger<ClusterReadRetryMiddleware>.Instance);

    private static DefaultHttpContext Context(string method)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Response.Body = new MemoryStream();
        return context;
    }
}
