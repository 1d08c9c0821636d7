using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Auth;

/// <summary>
/// The service user's own token in <c>keystone</c> mode, obtained with its password and reused until shortly
/// before it expires (or until Keystone rejects it).
/// </summary>
internal sealed class KeystoneServiceToken(IHttpClientFactory clients, IOptions<AuthOptions> options, TimeProvider time) : IDisposable
{
    public const string ClientName = "keystone";

    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _expiresAt;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_token is { } current && time.GetUtcNow() < _expiresAt - RenewBefore)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } renewed && time.GetUtcNow() < _expiresAt - RenewBefore)
            {
                return renewed;
            }

            (_token, _expiresAt) = await RequestAsync(cancellationToken);
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets a token Keystone no longer accepts, so that the next call authenticates again.</summary>
    public void Invalidate(string token)
    {
        if (_token == token)
        {
            _token = null;
        }
    }

    private async Task<(string Token, DateTimeOffset ExpiresAt)> RequestAsync(CancellationToken cancellationToken)
    {
        var keystone = options.Value.Keystone;
        var body = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject
                    {
                        ["user"] = new JsonObject
                        {
                            ["name"] = keystone.Username,
                            ["domain"] = new JsonObject { ["name"] = keystone.UserDomainName },
                            ["password"] = keystone.Password,
                        },
                    },
                },
                ["scope"] = new JsonObject
                {
                    ["project"] = new JsonObject
                    {
                        ["name"] = keystone.ProjectName,
                        ["domain"] = new JsonObject { ["name"] = keystone.ProjectDomainName },
                    },
                },
            },
        };

        using var client = clients.CreateClient(ClientName);
        using var response = await client.PostAsJsonAsync(KeystoneUrls.Tokens(keystone.AuthUrl, noCatalog: true), body, cancellationToken);
        if (!response.IsSuccessStatusCode || !response.Headers.TryGetValues("X-Subject-Token", out var values))
        {
            throw new ComputeFaultException(503, $"The service user could not authenticate with Keystone ({(int)response.StatusCode}).");
        }

        var token = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        var expires = KeystoneTokenBody.ExpiresAt(token) ?? time.GetUtcNow() + RenewBefore;
        return (values.First(), expires);
    }

    public void Dispose() => _gate.Dispose();
}
