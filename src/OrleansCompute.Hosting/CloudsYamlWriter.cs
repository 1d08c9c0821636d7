using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCompute.Api.Identity;

namespace OrleansCompute.Hosting;

/// <summary>
/// Once the host listens (<see cref="IdentityBootstrapService"/> calls it), writes <c>clouds.yaml</c> into the data directory with the URL it listens on (or the
/// configured public URL) and logs how to use it.
/// </summary>
internal sealed partial class CloudsYamlWriter(
    IServer server,
    IOptions<IdentityOptions> identity,
    IOptions<ComputeOptions> compute,
    ILogger<CloudsYamlWriter> logger)
{
    /// <summary>Writes the file; called by <see cref="IdentityBootstrapService"/> once the host listens.</summary>
    public void Write(IdentityDirectory directory)
    {
        try
        {
            var baseUrl = BaseUrl();
            var directoryPath = Path.GetFullPath(compute.Value.DataDirectory);
            // A front (AddOrleansComputeClient) may be the first to use the directory: nothing else creates it there.
            Directory.CreateDirectory(directoryPath);
            var path = Path.Combine(directoryPath, "clouds.yaml");
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, CloudsYaml.Render(directory, baseUrl, identity.Value.Region));
            IdentityPasswordStore.OwnerOnly(temporary);
            File.Move(temporary, path, overwrite: true);
            LogWritten(logger, path, baseUrl + "/identity/v3", path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogFailed(logger, exception);
        }
    }

    private string BaseUrl()
    {
        if (!string.IsNullOrWhiteSpace(identity.Value.PublicUrl))
        {
            return identity.Value.PublicUrl.TrimEnd('/');
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:8774";
        var uri = new UriBuilder(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            // A wildcard address is not one a client can connect to; the loopback address is, on this machine.
            uri.Host = "127.0.0.1";
        }

        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Identity service at {AuthUrl}. Wrote {Path}; try: OS_CLIENT_CONFIG_FILE={ExamplePath} openstack --os-cloud orleanscompute-demo server list")]
    private static partial void LogWritten(ILogger logger, string path, string authUrl, string examplePath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write clouds.yaml into the data directory")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
