namespace OrleansCompute.LoadTest;

/// <summary>What to drive and how hard; every loop is bounded by a count and a duration.</summary>
public sealed class LoadTestOptions
{
    /// <summary>The compute endpoint, e.g. http://127.0.0.1:8774/v2.1.</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1:8774/v2.1";

    /// <summary>The X-Auth-Token to send (noauth: <c>user:project</c>).</summary>
    public string Token { get; set; } = "bench:bench";

    public string Microversion { get; set; } = "2.47";

    /// <summary>Scenarios to run, comma-separated (see <see cref="Scenarios.ScenarioCatalog"/>).</summary>
    public string Scenarios { get; set; } = "create,create-to-active,show,list-detail,action,multi-create,delete";

    /// <summary>Concurrent clients for create and delete.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>Requests per scenario (creates, deletes, ...).</summary>
    public int Count { get; set; } = 2000;

    /// <summary>Upper bound on each timed phase, in seconds.</summary>
    public double DurationSeconds { get; set; } = 10;

    /// <summary>Concurrency levels of the show scenario.</summary>
    public string ShowConcurrency { get; set; } = "1,16,64";

    /// <summary>Store sizes for list detail; servers are seeded up to each size in turn.</summary>
    public string ListSizes { get; set; } = "1000,10000,100000";

    /// <summary>Requests measured at each list size.</summary>
    public int ListRequests { get; set; } = 50;

    /// <summary>Servers the seed scenario brings the store up to (timed: the seeding target).</summary>
    public int SeedCount { get; set; } = 100_000;

    /// <summary>How long the seed scenario waits, after its last create, for every server to leave BUILD.</summary>
    public double SettleSeconds { get; set; } = 300;

    /// <summary>Concurrent clients of the seed scenario.</summary>
    public int SeedConcurrency { get; set; } = 64;

    /// <summary>Upper bound on seeding, in seconds.</summary>
    public double SeedSeconds { get; set; } = 600;

    /// <summary>Servers per multi-create request.</summary>
    public int MultiCreateCount { get; set; } = 200;

    public string FlavorRef { get; set; } = "1";

    public string ImageRef { get; set; } = "70a599e0-31e7-49b7-b260-868f441e862b";

    /// <summary>Where the JSON results go.</summary>
    public string Output { get; set; } = "loadtest-results.json";

    /// <summary>The host's process id, to read its resident memory (Linux /proc); 0 to skip.</summary>
    public int HostPid { get; set; }

    public static IReadOnlyList<int> ParseList(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
}
