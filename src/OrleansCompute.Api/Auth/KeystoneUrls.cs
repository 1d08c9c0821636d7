namespace OrleansCompute.Api.Auth;

/// <summary>URLs of an external Keystone's v3 API.</summary>
internal static class KeystoneUrls
{
    public static Uri Tokens(string authUrl, bool noCatalog) =>
        new(authUrl.TrimEnd('/') + "/auth/tokens" + (noCatalog ? "?nocatalog" : ""), UriKind.Absolute);
}
