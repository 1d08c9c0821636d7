namespace OrleansCompute.LoadTest;

/// <summary>What every scenario gets: the client, the options, and the servers created so far.</summary>
public sealed class LoadContext(ComputeApiClient client, LoadTestOptions options)
{
    private readonly List<string> _servers = [];

    public ComputeApiClient Client { get; } = client;

    public LoadTestOptions Options { get; } = options;

    public TimeSpan Duration => TimeSpan.FromSeconds(Options.DurationSeconds);

    public IReadOnlyList<string> Servers
    {
        get
        {
            lock (_servers)
            {
                return _servers.ToArray();
            }
        }
    }

    public void Remember(string id)
    {
        lock (_servers)
        {
            _servers.Add(id);
        }
    }

    public void Forget(string id)
    {
        lock (_servers)
        {
            _servers.Remove(id);
        }
    }
}
