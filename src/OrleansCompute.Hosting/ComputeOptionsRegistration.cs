using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansCompute.Hosting;

/// <summary><c>Compute</c>, bound and validated the options way, for silos and fronts alike.</summary>
internal static class ComputeOptionsRegistration
{
    /// <summary>Binds <see cref="ComputeOptions"/> from <c>Compute</c> and checks it when the host starts.</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<ComputeOptions>().BindConfiguration(ComputeOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ComputeOptions>, ComputeOptionsValidator>());
    }

    /// <summary>
    /// The one read of <c>Compute</c> before the container exists: the storage mode decides which Orleans providers
    /// are registered (Orleans' builder callbacks run at registration), so it cannot wait for <c>IOptions</c>. Every
    /// other value is resolved from the container. An unknown mode registers as embedded, so that the container is
    /// complete and the host stops at start with <see cref="ComputeOptionsValidator"/>'s message rather than here.
    /// </summary>
    public static ComputeOptions ReadForRegistration(IConfiguration configuration) =>
        configuration.GetSection(ComputeOptions.SectionName).Get<ComputeOptions>() ?? new ComputeOptions();
}
