using Orleans.Concurrency;

namespace OrleansCompute.Quotas;

/// <summary>
/// One quota class (<c>os-quota-class-sets/{class}</c>), keyed by its name: the limits set for it by name. Only the
/// class <see cref="Default"/> has an effect, as in Nova: its limits replace the configured defaults of every
/// project (the project grains read it, see <c>ProjectGrain.Defaults</c>). Other classes are stored and shown only.
/// </summary>
[Alias("compute.IQuotaClassGrain")]
public interface IQuotaClassGrain : IGrainWithStringKey
{
    public const string Default = "default";

    /// <summary>The limits set for the class by name (names the API accepted, network ones included).</summary>
    [Alias("Get")]
    [ReadOnly]
    Task<IReadOnlyDictionary<string, int>> GetAsync();

    /// <summary>Merges the limits into the class; returns all its limits.</summary>
    [Alias("Update")]
    Task<IReadOnlyDictionary<string, int>> UpdateAsync(IReadOnlyDictionary<string, int> limits);
}
