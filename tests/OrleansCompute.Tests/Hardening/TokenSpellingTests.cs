using System.Net;
using Microsoft.AspNetCore.DataProtection;
using OrleansCompute.Api.Identity;

namespace OrleansCompute.Tests.Hardening;

/// <summary>A token has one spelling: padding or other spare base64 bits make it a token nobody issued.</summary>
public sealed class TokenSpellingTests
{
    private readonly TokenProtector _protector = new(new EphemeralDataProtectionProvider());

    [Theory]
    [InlineData("=")]
    [InlineData("==")]
    [InlineData("%3D%3D")]
    [InlineData(" ")]
    public void A_token_with_anything_appended_does_not_unprotect(string suffix)
    {
        var token = _protector.Protect("payload");
        _protector.Unprotect(token).Should().Be("payload");

        _protector.Unprotect(token + suffix).Should().BeNull();
    }

    [Fact]
    public void A_token_in_standard_base64_or_with_changed_spare_bits_does_not_unprotect()
    {
        string token;
        do
        {
            token = _protector.Protect("payload" + Random.Shared.Next());
        }
        while (token.Length % 4 == 0 || !token.Any(c => c is '-' or '_'));

        _protector.Unprotect(token.Replace('-', '+').Replace('_', '/')).Should().BeNull("only the URL-safe alphabet is issued");

        // The last character of an unpadded base64 text carries bits the decoder drops: flip one of them.
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var last = Alphabet.IndexOf(token[^1], StringComparison.Ordinal);
        var altered = token[..^1] + Alphabet[last ^ 1];
        _protector.Unprotect(altered).Should().BeNull();
    }
}

/// <summary>The same over HTTP: a padded token is a 401 on the compute API and not found when validated.</summary>
[Collection(HardeningHostCollection.Name)]
public sealed class TokenSpellingHttpTests(HardeningHostFixture fixture)
{
    [Fact]
    public async Task A_padded_token_is_refused_everywhere()
    {
        using var padded = fixture.Host.CreateClient(fixture.DemoToken + "==");
        var compute = await padded.GetAsync("/v2.1/servers");
        compute.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        using var validate = new HttpRequestMessage(HttpMethod.Get, "/identity/v3/auth/tokens");
        validate.Headers.Add("X-Subject-Token", fixture.DemoToken + "==");
        using var own = fixture.Host.CreateClient(fixture.DemoToken);
        var check = await own.SendAsync(validate);
        check.StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await own.GetAsync("/v2.1/servers")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
