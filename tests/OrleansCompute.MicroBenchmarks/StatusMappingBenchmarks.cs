using BenchmarkDotNet.Attributes;
using OrleansCompute.Servers;

namespace OrleansCompute.MicroBenchmarks;

/// <summary>Nova's status mapping, both ways: every view computes it, every ?status= filter reverses it.</summary>
public class StatusMappingBenchmarks
{
    private static readonly (string Vm, string? Task)[] States =
    [
        (VmState.Active, null), (VmState.Active, TaskState.RebootingHard), (VmState.Building, TaskState.Spawning),
        (VmState.Stopped, TaskState.ResizePrep), (VmState.Resized, TaskState.ResizeReverting), (VmState.Error, null),
    ];

    [Benchmark]
    public int ToStatusSixStates()
    {
        var length = 0;
        foreach (var (vm, task) in States)
        {
            length += ServerStatusMapper.ToStatus(vm, task).Length;
        }

        return length;
    }

    [Benchmark]
    public int ToFilterRebuild() => ServerStatusMapper.ToFilter("REBUILD")!.VmStates.Count;
}
