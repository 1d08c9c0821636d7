using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansCompute.Api.Identity;

namespace OrleansCompute.Tests.Unit;

public sealed class TokenServiceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly IdentityDirectory _directory = IdentityDirectory.Create(
        IdentityDirectory.Configured(new IdentityOptions()),
        new Dictionary<string, string> { ["admin"] = "a", ["demo"] = "d", ["alt_demo"] = "x" });

    private TokenService Service(TokenProtector? protector = null, IdentityDirectory? directory = null) => new(
        directory ?? _directory,
        protector ?? new TokenProtector(new EphemeralDataProtectionProvider()),
        _time,
        Options.Create(new IdentityOptions { TokenLifetime = TimeSpan.FromMinutes(30) }));

    [Fact]
    public void A_token_is_valid_until_it_expires()
    {
        var service = Service();
        var demo = _directory.FindUser(null, "demo")!;
        var issued = service.Issue(demo, demo.Project, ["password"]);
        issued.Payload.ExpiresAt.Should().Be(_time.GetUtcNow() + TimeSpan.FromMinutes(30));

        service.Validate(issued.Token)!.User.Name.Should().Be("demo");
        _time.Advance(TimeSpan.FromMinutes(29));
        service.Validate(issued.Token).Should().NotBeNull();
        _time.Advance(TimeSpan.FromMinutes(1));
        service.Validate(issued.Token).Should().BeNull("a token is invalid from its expires_at on");
    }

    [Fact]
    public void Tokens_from_other_keys_or_altered_are_rejected()
    {
        var demo = _directory.FindUser(null, "demo")!;
        var token = Service().Issue(demo, demo.Project, ["password"]).Token;
        Service().Validate(token).Should().BeNull("another key ring did not issue it");
        var service = Service(new TokenProtector(new EphemeralDataProtectionProvider()));
        var own = service.Issue(demo, demo.Project, ["password"]).Token;
        service.Validate(own[..^2] + (own[^2] == 'A' ? "BB" : "AA")).Should().BeNull();
        service.Validate("").Should().BeNull();
        service.Validate("demo:demo").Should().BeNull();
    }

    [Fact]
    public void A_disabled_user_s_tokens_stop_working()
    {
        var protector = new TokenProtector(new EphemeralDataProtectionProvider());
        var demo = _directory.FindUser(null, "demo")!;
        var token = Service(protector).Issue(demo, demo.Project, ["password"]).Token;
        var users = IdentityDirectory.Configured(new IdentityOptions { Users = { ["demo"] = new IdentityUserOptions { Enabled = false } } });
        var disabled = IdentityDirectory.Create(users, new Dictionary<string, string> { ["admin"] = "a", ["demo"] = "d", ["alt_demo"] = "x" });
        Service(protector, disabled).Validate(token).Should().BeNull();
    }

    [Fact]
    public void Ids_are_stable_keystone_shaped_and_roles_are_implied()
    {
        var again = IdentityDirectory.Create(IdentityDirectory.Configured(new IdentityOptions()), new Dictionary<string, string> { ["admin"] = "1", ["demo"] = "2", ["alt_demo"] = "3" });
        var demo = _directory.FindUser(null, "demo")!;
        again.FindUser(null, "demo")!.Id.Should().Be(demo.Id).And.MatchRegex("^[0-9a-f]{32}$");
        demo.Project.Id.Should().NotBe(_directory.FindUser(null, "alt_demo")!.Project.Id);
        demo.Roles.Select(r => r.Name).Should().Equal("member", "reader");
        _directory.FindUser(null, "admin")!.Roles.Select(r => r.Name).Should().Equal("admin", "manager", "member", "reader");
    }
}
