namespace EmbeddedHost;

/// <summary>The product's own grain, living in the same silo as the control plane's.</summary>
public interface IVisitCounterGrain : IGrainWithStringKey
{
    Task<int> VisitAsync();
}
