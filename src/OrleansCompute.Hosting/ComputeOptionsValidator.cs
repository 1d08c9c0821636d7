using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace OrleansCompute.Hosting;

/// <summary>
/// Checks <c>Compute</c> when the host starts (<c>ValidateOnStart</c>): one <see cref="OptionsValidationException"/>
/// naming every wrong key and what it accepts, instead of a failure deeper in Orleans or the database.
/// </summary>
internal sealed class ComputeOptionsValidator(IConfiguration configuration) : IValidateOptions<ComputeOptions>
{
    public ValidateOptionsResult Validate(string? name, ComputeOptions options)
    {
        var failures = new List<string>();
        if (!ComputeModes.IsKnown(options.Mode))
        {
            failures.Add($"{ComputeOptions.SectionName}:Mode '{options.Mode}' is not supported; use '{ComputeModes.Embedded}' or '{ComputeModes.Cluster}'.");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add($"{ComputeOptions.SectionName}:DataDirectory must name a directory.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId) || string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add($"{ComputeOptions.SectionName}:ServiceId and {ComputeOptions.SectionName}:ClusterId must not be empty.");
        }

        foreach (var (key, port) in new[] { ("SiloPort", options.SiloPort), ("GatewayPort", options.GatewayPort) })
        {
            if (port is < IPEndPoint.MinPort + 1 or > IPEndPoint.MaxPort)
            {
                failures.Add($"{ComputeOptions.SectionName}:{key} {port} is not a port (1 to {IPEndPoint.MaxPort}).");
            }
        }

        if (options.AdvertisedAddress is { Length: > 0 } address && !IPAddress.TryParse(address, out _))
        {
            failures.Add($"{ComputeOptions.SectionName}:AdvertisedAddress '{address}' is not an IP address.");
        }

        if (options.MinimumReminderPeriod < 1)
        {
            failures.Add($"{ComputeOptions.SectionName}:MinimumReminderPeriod must be at least 1 (seconds).");
        }

        if (ComputeModes.IsCluster(options.Mode) && string.IsNullOrEmpty(configuration.GetConnectionString(ComputeConnectionStrings.Name)))
        {
            failures.Add(ComputeConnectionStrings.MissingMessage);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
