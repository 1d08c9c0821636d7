using System.Globalization;
using System.IO.Hashing;

namespace OrleansCompute.Events;

/// <summary>
/// Where lifecycle events travel between processes: one Orleans memory stream provider and a fixed set of
/// <see cref="Partitions"/> streams. A server's events always go to the same stream (chosen by a stable hash of its
/// id), and a stream is one FIFO queue, so one server's events stay in order while the load spreads over all of them.
/// Every subscribing process (each silo, each client-tier front) subscribes to all of them.
/// </summary>
public static class ComputeEventStreamNames
{
    /// <summary>The name of the stream provider (silos and clients register it under this name).</summary>
    public const string Provider = "compute-events";

    /// <summary>The stream namespace; the stream key is the partition number.</summary>
    public const string Namespace = "compute-events";

    /// <summary>
    /// How many streams carry the events. Part of the wire contract: every process of a cluster must agree on it,
    /// or one server's events would be spread over two streams during a rolling upgrade and lose their order.
    /// </summary>
    public const int Partitions = 8;

    /// <summary>The stream of partition <paramref name="partition"/>.</summary>
    public static StreamId Stream(int partition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, Partitions);
        return StreamId.Create(Namespace, partition.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The partition of a server: XxHash32 of the id's bytes, so that every process and every .NET version picks the
    /// same one (<see cref="Guid.GetHashCode"/> is not documented as stable).
    /// </summary>
    public static int PartitionOf(Guid serverId)
    {
        Span<byte> bytes = stackalloc byte[16];
        serverId.TryWriteBytes(bytes);
        return (int)(XxHash32.HashToUInt32(bytes) % Partitions);
    }
}
