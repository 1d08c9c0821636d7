using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using OrleansCompute.Hosting;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Hosting;

/// <summary>
/// The membership clock the silo's watchdog reads: a timestamp of 0 (what the watchdog's first check can read before
/// its component timestamp is recorded) is moments ago, not the machine's boot.
/// </summary>
public sealed class WatchdogSafeMembershipClockTests
{
    [Fact]
    public void A_zero_timestamp_is_the_clock_creation_not_the_machine_boot()
    {
        var clock = new WatchdogSafeMembershipClock();

        clock.GetElapsedTime(0).Should().BeLessThan(TimeSpan.FromSeconds(5));
        clock.GetUtcNow().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5));
        var earlier = clock.GetTimestamp();
        clock.GetElapsedTime(earlier, clock.GetTimestamp()).Should().BeGreaterThanOrEqualTo(TimeSpan.Zero);
    }

    [Fact]
    public void The_silo_membership_loops_use_it()
    {
        using var directory = new TempDirectory();
        var builder = WebApplication.CreateBuilder([$"--Compute:DataDirectory={directory.Path}", "--Compute:Auth:Mode=noauth"]);
        builder.AddOrleansCompute();
        using var services = builder.Services.BuildServiceProvider();

        services.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Membership).Should().BeOfType<WatchdogSafeMembershipClock>();
        services.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Grains).Should().NotBeOfType<WatchdogSafeMembershipClock>();
    }
}
