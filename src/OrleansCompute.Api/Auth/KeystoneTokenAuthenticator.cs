using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OrleansCompute.Faults;
using OrleansCompute.Identity;

namespace OrleansCompute.Api.Auth;

/// <summary>
/// <c>keystone</c> mode, as keystonemiddleware's auth_token: the service user asks Keystone
/// (<c>GET /v3/auth/tokens</c> with X-Subject-Token) whether a user's token is valid, and the answer is cached
/// for <c>TokenCacheSeconds</c> but never past the token's expiry. Rejections are cached as well (a token that
/// is invalid now never becomes valid). An unreachable Keystone is a 503.
/// </summary>
internal sealed class KeystoneTokenAuthenticator(
    IHttpClientFactory clients,
    KeystoneServiceToken serviceToken,
    IMemoryCache cache,
    IOptions<AuthOptions> options,
    TimeProvider time) : ITokenAuthenticator
{
    public async ValueTask<CallerContext?> AuthenticateAsync(string token, string requestId, CancellationToken cancellationToken)
    {
        var key = CacheKey(token);
        if (cache.TryGetValue(key, out CachedValidation? cached) && cached is not null)
        {
            return cached.Caller is null ? null : cached.Caller with { RequestId = requestId };
        }

        var (caller, expiresAt) = await ValidateAsync(token, requestId, retry: true, cancellationToken);
        var lifetime = TimeSpan.FromSeconds(options.Value.Keystone.TokenCacheSeconds);
        var until = time.GetUtcNow() + lifetime;
        if (expiresAt is { } expiry && expiry < until)
        {
            until = expiry;
        }

        if (until > time.GetUtcNow())
        {
            cache.Set(key, new CachedValidation(caller), until);
        }

        return caller;
    }

    public string? Challenge(HttpContext context)
    {
        var keystone = options.Value.Keystone;
        var uri = string.IsNullOrWhiteSpace(keystone.WwwAuthenticateUri) ? keystone.AuthUrl : keystone.WwwAuthenticateUri;
        return $"Keystone uri=\"{uri}\"";
    }

    private async Task<(CallerContext? Caller, DateTimeOffset? ExpiresAt)> ValidateAsync(string token, string requestId, bool retry, CancellationToken cancellationToken)
    {
        var service = await serviceToken.GetAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, KeystoneUrls.Tokens(options.Value.Keystone.AuthUrl, noCatalog: true));
        request.Headers.Add("X-Auth-Token", service);
        request.Headers.Add("X-Subject-Token", token);
        using var client = clients.CreateClient(KeystoneServiceToken.ClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new ComputeFaultException(503, $"The Keystone service is temporarily unavailable: {exception.Message}");
        }

        using (response)
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
                    return (KeystoneTokenBody.Caller(body, requestId), KeystoneTokenBody.ExpiresAt(body));
                case HttpStatusCode.NotFound:
                    return (null, null);
                case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden when retry:
                    // The service token itself expired or was revoked: authenticate again, once.
                    serviceToken.Invalidate(service);
                    return await ValidateAsync(token, requestId, retry: false, cancellationToken);
                default:
                    throw new ComputeFaultException(503, "The Keystone service is temporarily unavailable.");
            }
        }
    }

    /// <summary>Tokens are secrets: the cache holds their hash.</summary>
    private static string CacheKey(string token) =>
        "orleans-compute:keystone-token:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private sealed record CachedValidation(CallerContext? Caller);
}
