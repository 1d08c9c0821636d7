using System.Collections.Concurrent;
using System.Text;
using Orleans.Serialization.Invocation;
using OrleansCompute.Servers;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// A full disk for chosen projects: the in-memory storage refuses every write of a server state whose server
/// belongs to one of them (the memory provider stores through a grain, so a call filter can refuse its writes).
/// Its hits are counted, so that a test knows the fault really struck.
/// </summary>
public sealed class OutboxServerWriteFaults : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, bool> _fullFor = new(StringComparer.Ordinal);

    private int _refused;

    public int Refused => Volatile.Read(ref _refused);

    public void Fill(string projectId) => _fullFor[projectId] = true;

    public void Free(string projectId) => _fullFor.TryRemove(projectId, out _);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (!_fullFor.IsEmpty && context.InterfaceMethod?.Name == "WriteStateAsync" && WritesServerOfFullProject(context.Request))
        {
            Interlocked.Increment(ref _refused);
            throw new IOException("Injected: database or disk is full.");
        }

        return context.Invoke();
    }

    /// <summary>
    /// The memory provider hands its grain the state already serialized (JSON bytes): a server state is the one
    /// with an outbox, and its server names the project.
    /// </summary>
    private bool WritesServerOfFullProject(IInvokable request)
    {
        for (var i = 0; i < request.GetArgumentCount(); i++)
        {
            var stored = request.GetArgument(i)?.GetType().GetProperty("State")?.GetValue(request.GetArgument(i));
            var json = stored switch
            {
                BinaryData data => data.ToString(),
                ReadOnlyMemory<byte> memory => Encoding.UTF8.GetString(memory.Span),
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                _ => null,
            };
            if (json is not null && json.Contains($"\"{nameof(ServerState.Outbox)}\"", StringComparison.Ordinal)
                && _fullFor.Keys.Any(project => json.Contains($"\"ProjectId\":\"{project}\"", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
