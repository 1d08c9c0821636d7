using OrleansCompute.Servers;

namespace OrleansCompute.Tests.Unit;

/// <summary>
/// The driver contract: a progress callback runs on the scheduler of the grain turn that handed it out, whichever
/// thread the driver calls it from. An exclusive scheduler stands in for the grain's activation scheduler.
/// </summary>
public sealed class GrainCallbackTests
{
    [Fact]
    public async Task A_report_from_a_thread_pool_thread_runs_on_the_grains_scheduler()
    {
        var grain = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        var applied = new TaskCompletionSource<(int Value, TaskScheduler Scheduler)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var report = await Task.Factory.StartNew(
            () => GrainCallback.OnCurrentScheduler<int>(v => applied.TrySetResult((v, TaskScheduler.Current)), CancellationToken.None),
            CancellationToken.None,
            TaskCreationOptions.None,
            grain);

        // A driver that left the grain's context (ConfigureAwait(false), then Task.Run) before reporting.
        await Task.Yield();
        await Task.Run(() =>
        {
            TaskScheduler.Current.Should().NotBe(grain);
            report(42);
        });

        var (value, scheduler) = await applied.Task.WaitAsync(TimeSpan.FromSeconds(10));
        value.Should().Be(42);
        scheduler.Should().BeSameAs(grain);
    }

    [Fact]
    public async Task A_report_made_on_the_grains_scheduler_runs_at_once_in_order()
    {
        var grain = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        var seen = await Task.Factory.StartNew(
            () =>
            {
                var values = new List<int>();
                var report = GrainCallback.OnCurrentScheduler<int>(values.Add, CancellationToken.None);
                report(1);
                report(2);
                return values;
            },
            CancellationToken.None,
            TaskCreationOptions.None,
            grain);

        seen.Should().Equal(1, 2);
    }

    [Fact]
    public async Task A_late_report_of_cancelled_work_is_dropped()
    {
        var grain = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        using var cancellation = new CancellationTokenSource();
        var applied = 0;
        var report = await Task.Factory.StartNew(
            () => GrainCallback.OnCurrentScheduler<int>(_ => applied++, cancellation.Token),
            CancellationToken.None,
            TaskCreationOptions.None,
            grain);
        await cancellation.CancelAsync();

        await Task.Run(() => report(1));
        // A marker queued after the report runs after it on the exclusive scheduler: the report has been handled.
        await Task.Factory.StartNew(() => { }, CancellationToken.None, TaskCreationOptions.None, grain);

        applied.Should().Be(0);
    }
}
