using System.Text.Json;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Servers.Resources;
using OrleansCompute.Faults;
using OrleansCompute.Servers;

namespace OrleansCompute.Tests.Unit;

/// <summary>The body rules of PUT /servers/{id} per microversion.</summary>
public sealed class UpdateServerRequestParserTests
{
    private static ServerUpdate Parse(string json, string version = "2.1")
    {
        ApiVersion.TryParse(version, out var apiVersion).Should().BeTrue();
        using var document = JsonDocument.Parse(json);
        return UpdateServerRequestParser.Parse(document.RootElement, apiVersion);
    }

    private static string Fault(string json, string version = "2.1")
    {
        var act = () => Parse(json, version);
        var fault = act.Should().Throw<ComputeFaultException>().Which;
        fault.StatusCode.Should().Be(400);
        return fault.Message;
    }

    [Fact]
    public void An_empty_server_object_changes_nothing_and_each_field_is_read()
    {
        Parse("""{"server": {}}""").Should().Be(new ServerUpdate());
        Parse("""{"server": {"name": "n", "accessIPv4": "192.0.2.1", "accessIPv6": "2001:db8::1", "OS-DCF:diskConfig": "AUTO"}}""")
            .Should().Be(new ServerUpdate { Name = "n", AccessIPv4 = "192.0.2.1", AccessIPv6 = "2001:db8::1", DiskConfig = "AUTO" });
        Parse("""{"server": {"description": null}}""", "2.19").Should().Be(new ServerUpdate { DescriptionGiven = true });
    }

    [Fact]
    public void Fields_exist_only_from_their_microversion()
    {
        Fault("""{"server": {"description": "d"}}""", "2.18").Should().Be("Additional properties are not allowed ('description' was unexpected)");
        Fault("""{"server": {"hostname": "h1"}}""", "2.89");
        Parse("""{"server": {"hostname": "h1"}}""", "2.90").Hostname.Should().Be("h1");
        Fault("""{"server": {"pinned_availability_zone": "nova"}}""", "2.103");
        Parse("""{"server": {"pinned_availability_zone": null}}""", "2.104").Should().Be(new ServerUpdate { PinnedAvailabilityZoneGiven = true });
        Parse("""{"server": {"pinned_availability_zone": "nova"}}""", "2.104").PinnedAvailabilityZone.Should().Be("nova");
    }

    [Theory]
    [InlineData("-bad-", "2.90")]
    [InlineData("a", "2.90")]
    [InlineData("a.example.org", "2.93")]
    [InlineData("", "2.94")]
    [InlineData("bad host", "2.94")]
    public void Hostnames_follow_the_2_90_label_and_2_94_fqdn_rules(string hostname, string version)
    {
        Fault("{\"server\": {\"hostname\": \"" + hostname + "\"}}", version).Should().StartWith("Invalid input for field/attribute hostname.");
    }

    [Fact]
    public void An_fqdn_hostname_is_accepted_from_2_94()
    {
        Parse("""{"server": {"hostname": "a.example.org"}}""", "2.94").Hostname.Should().Be("a.example.org");
    }

    [Fact]
    public void Invalid_values_name_the_field()
    {
        Fault("""{"server": {"name": " x"}}""").Should().Contain("An invalid 'name' value was provided");
        Fault("""{"server": {"name": 5}}""").Should().Be("Invalid input for field/attribute name. Value: 5. 5 is not of type 'string'");
        Fault("""{"server": {"accessIPv6": "1.2.3.4"}}""").Should().Contain("is not a 'ipv6'");
        Fault("""{"server": {"OS-DCF:diskConfig": "auto"}}""").Should().Contain("is not one of ['AUTO', 'MANUAL']");
        Fault("""{"server": {"description": "x\u0007"}}""", "2.19").Should().Contain("description");
        Fault("""{"server": null}""").Should().Contain("is not of type 'object'");
        Fault("""{"server": {}, "extra": 1}""").Should().Be("Additional properties are not allowed ('extra' was unexpected)");
        Fault("""{}""").Should().Be("'server' is a required property");
        Fault("""null""").Should().Be("None is not of type 'object'");
    }
}
