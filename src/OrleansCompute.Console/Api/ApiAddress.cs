using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace OrleansCompute.WebConsole.Api;

/// <summary>
/// Where the console reaches the host's own public API: the configured address, or the first address the host
/// listens on with a wildcard host replaced by loopback; plus the prefix the API is mounted under.
/// </summary>
internal sealed class ApiAddress(IServer server, ConsoleOptions options)
{
    private string _prefix = "";
    private Uri? _root;

    public void UsePrefix(string prefix) => _prefix = prefix.TrimEnd('/');

    /// <summary>The absolute URI of an API path such as <c>/v2.1/servers</c>.</summary>
    public Uri For(string path) => new(Root, _prefix + path);

    /// <summary>The identity service's token URL: the configured one, or the host's own <c>/identity/v3/auth/tokens</c>.</summary>
    public Uri IdentityTokens => string.IsNullOrWhiteSpace(options.IdentityUrl)
        ? For("/identity/v3/auth/tokens")
        : new Uri(options.IdentityUrl.TrimEnd('/') + "/auth/tokens");

    private Uri Root => _root ??= Resolve();

    private Uri Resolve()
    {
        if (!string.IsNullOrWhiteSpace(options.ApiAddress))
        {
            return new Uri(options.ApiAddress);
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var first = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The host listens nowhere the console can reach; set Compute:Console:ApiAddress.");
        var builder = new UriBuilder(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (builder.Host is "0.0.0.0" or "localhost")
        {
            builder.Host = "127.0.0.1";
        }
        else if (builder.Host is "[::]" or "::")
        {
            builder.Host = "[::1]";
        }

        builder.Path = "/";
        return builder.Uri;
    }
}
