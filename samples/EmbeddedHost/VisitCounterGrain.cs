namespace EmbeddedHost;

/// <summary>Counts a user's visits to the product's home page (in memory: it is a sample).</summary>
public sealed class VisitCounterGrain : Grain, IVisitCounterGrain
{
    private int _visits;

    public Task<int> VisitAsync() => Task.FromResult(++_visits);
}
