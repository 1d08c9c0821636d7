using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansCompute.Servers;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Servers.Lifecycle;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Lifecycle;

/// <summary>
/// How long a server stays in memory (<c>ServerGrain.Residency</c>): collected after a short idle time, never while
/// its own operation runs, and woken again by its deadlines' reminders once collected.
/// </summary>
public sealed partial class LifecycleGrainTests
{
    private static readonly GrainType ServerGrainType = GrainType.Create("compute-server");

    [Fact]
    public void Server_activations_are_collected_after_a_short_idle_time_and_other_grains_after_the_silo_default()
    {
        var types = fixture.SiloServices.GetRequiredService<GrainTypeSharedContextResolver>();
        var silo = fixture.SiloServices.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;

        types.GetComponents(ServerGrainType).CollectionAgeLimit.Should().Be(TimeSpan.FromMinutes(ServerGrain.IdleMinutes))
            .And.BeLessThan(silo.CollectionAge);
        types.GetComponents(GrainType.Create("compute-project")).CollectionAgeLimit.Should().Be(silo.CollectionAge);
    }

    [Fact]
    public async Task A_server_whose_build_is_running_is_not_collected_and_finishes_the_build()
    {
        var grain = await BuildingServerAsync();
        var id = grain.GetPrimaryKey();

        // Its build waits for the fake clock: no call is running on the grain, only its own background work.
        await CollectIdleActivationsAsync();
        (await ActiveServersAsync()).Should().Contain(grain.GetGrainId(), "an operation in progress holds its activation");

        // Only the index is read from here on: a call to the grain would resume a cut-off build and hide it.
        var row = await Eventually.Until(
            async () =>
            {
                fixture.Time.Advance(TimeSpan.FromMilliseconds(250));
                return await fixture.Index.FindAsync(id);
            },
            s => s?.Status == ServerStatus.Active,
            TimeSpan.FromSeconds(30),
            because: "the build runs to its end on the activation it started on");
        row!.LaunchedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task A_collected_shelved_server_is_woken_by_its_offload_reminder()
    {
        var grain = await ActiveServerAsync();
        var id = grain.GetPrimaryKey();
        await Act(grain, ServerActionKind.Shelve);
        (await SettledAsync(grain)).Status.Should().Be(ServerStatus.Shelved);
        await fixture.ReminderDueAsync(grain.GetGrainId(), ServerDeadlines.Offload.Reminder);

        await CollectIdleActivationsAsync();
        (await ActiveServersAsync()).Should().NotContain(grain.GetGrainId(), "an idle server is collected");

        var row = await AfterDeadlineAsync(
            grain,
            ServerDeadlines.Offload,
            TimeSpan.FromSeconds(LifecycleClusterFixture.OffloadSeconds),
            () => fixture.Index.FindAsync(id),
            s => s?.Status == ServerStatus.ShelvedOffloaded);
        row!.Host.Should().BeNull();
    }

    /// <summary>What Orleans' collector does to every activation idle for its age, here with an age of zero.</summary>
    private Task CollectIdleActivationsAsync() => fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    private async Task<List<GrainId>> ActiveServersAsync() => await fixture.Grains.GetGrain<IManagementGrain>(0).GetActiveGrains(ServerGrainType);
}
