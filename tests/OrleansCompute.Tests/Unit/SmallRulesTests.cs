using System.Net;
using OrleansCompute.Api.Servers;
using OrleansCompute.Api.Validation;
using OrleansCompute.Networking;

namespace OrleansCompute.Tests.Unit;

public sealed class SmallRulesTests
{
    [Theory]
    [InlineData("My Server_1.example", "my-server-1-example")]
    [InlineData("--web--", "web")]
    [InlineData("Ünïcode ok", "ünïcode-ok")]
    [InlineData("emoji \ud83d\ude00 gone", "emoji--gone")]
    [InlineData("a!b@c", "abc")]
    public void Hostname_is_sanitised_from_the_display_name(string name, string expected) =>
        HostnameSanitizer.FromDisplayName(name, Guid.Empty).Should().Be(expected);

    [Fact]
    public void Hostname_falls_back_to_the_server_id()
    {
        var id = Guid.NewGuid();
        HostnameSanitizer.FromDisplayName("!!!", id).Should().Be("Server-" + id);
    }

    [Fact]
    public void Hostname_is_cut_to_63_characters() =>
        HostnameSanitizer.FromDisplayName(new string('x', 100), Guid.Empty).Should().HaveLength(63);

    [Fact]
    public void Generated_passwords_have_the_configured_length_and_every_class()
    {
        for (var i = 0; i < 200; i++)
        {
            var password = AdminPasswordGenerator.Generate(12);
            password.Should().HaveLength(12);
            password.Should().MatchRegex("[2-9]").And.MatchRegex("[A-HJ-NP-Z]").And.MatchRegex("[a-km-z]");
            password.Should().NotContainAny("I", "O", "l", "0", "1");
        }
    }

    [Theory]
    [InlineData("web-1", true)]
    [InlineData("with inner space", true)]
    [InlineData(" leading", false)]
    [InlineData("trailing ", false)]
    [InlineData("tab\tinside", false)]
    [InlineData("emoji \ud83d\ude00", false)]
    [InlineData("line\u2028sep", false)]
    [InlineData("", false)]
    public void Names_follow_novas_printable_rule(string name, bool valid) => NameRules.IsValidName(name).Should().Be(valid);

    [Fact]
    public void Subnet_numbers_addresses_from_the_network_address()
    {
        var subnet = Subnet.Parse("10.1.2.0/24");
        subnet.Size.Should().Be((UInt128)256);
        subnet.AddressAt(5).Should().Be(IPAddress.Parse("10.1.2.5"));
        subnet.OffsetOf(IPAddress.Parse("10.1.2.200")).Should().Be((UInt128)200);
        subnet.OffsetOf(IPAddress.Parse("10.1.3.1")).Should().BeNull();
    }

    [Fact]
    public void Subnet_handles_ipv6()
    {
        var subnet = Subnet.Parse("fd00::/64");
        subnet.IpVersion.Should().Be(6);
        subnet.AddressAt(2).Should().Be(IPAddress.Parse("fd00::2"));
    }
}
