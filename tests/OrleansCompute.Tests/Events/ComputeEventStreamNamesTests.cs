using OrleansCompute.Events;

namespace OrleansCompute.Tests.Events;

public sealed class ComputeEventStreamNamesTests
{
    [Fact]
    public void A_server_always_maps_to_the_same_partition_and_servers_spread_over_all_of_them()
    {
        // A fixed id maps to a fixed partition: the hash is part of the wire contract between processes.
        // (XxHash32 of the id's 16 bytes in Guid.TryWriteBytes order, modulo 8; computed once, outside this code.)
        ComputeEventStreamNames.PartitionOf(Guid.Parse("0b7c1f33-5d2e-4c55-9a0e-3b6f1c2d4e5f")).Should().Be(3);

        var counts = new int[ComputeEventStreamNames.Partitions];
        for (var i = 0; i < 8_000; i++)
        {
            counts[ComputeEventStreamNames.PartitionOf(Guid.NewGuid())]++;
        }

        counts.Should().OnlyContain(c => c > 800 && c < 1_200, "8,000 random ids spread evenly over 8 partitions");
    }

    [Fact]
    public void Each_partition_is_its_own_stream_in_the_events_namespace()
    {
        var streams = Enumerable.Range(0, ComputeEventStreamNames.Partitions).Select(ComputeEventStreamNames.Stream).ToList();
        streams.Should().OnlyHaveUniqueItems();
        streams.Select(s => s.GetNamespace()).Should().AllBe(ComputeEventStreamNames.Namespace);
        FluentActions.Invoking(() => ComputeEventStreamNames.Stream(ComputeEventStreamNames.Partitions)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
