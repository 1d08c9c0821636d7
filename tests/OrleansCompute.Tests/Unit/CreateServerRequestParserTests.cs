using System.Text.Json;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Servers;
using OrleansCompute.Faults;

namespace OrleansCompute.Tests.Unit;

public sealed class CreateServerRequestParserTests
{
    private const string Image = "70a599e0-31e7-49b7-b260-868f441e862b";

    private static CreateServerRequest Parse(string json, string version = "2.1")
    {
        using var document = JsonDocument.Parse(json);
        ApiVersion.TryParse(version, out var v).Should().BeTrue();
        return CreateServerRequestParser.Parse(document.RootElement, v);
    }

    private static ComputeFaultException Fails(string json, string version = "2.1")
    {
        var act = () => Parse(json, version);
        return act.Should().Throw<ComputeFaultException>().Which;
    }

    [Fact]
    public void Accepts_a_minimal_request()
    {
        var request = Parse($$$"""{"server": {"name": "vm", "flavorRef": "1", "imageRef": "{{{Image}}}"}}""");
        request.Name.Should().Be("vm");
        request.FlavorRef.Should().Be("1");
        request.ImageRef.Should().Be(Image);
        request.SecurityGroups.Should().Equal("default");
        request.AutoAllocateNetwork.Should().BeTrue();
    }

    [Fact]
    public void A_flavor_url_and_an_integer_flavor_resolve_to_the_id()
    {
        Parse($$$"""{"server": {"name": "vm", "flavorRef": "http://x/flavors/3", "imageRef": "{{{Image}}}"}}""").FlavorRef.Should().Be("3");
        Parse($$$"""{"server": {"name": "vm", "flavorRef": 4, "imageRef": "{{{Image}}}"}}""").FlavorRef.Should().Be("4");
    }

    [Theory]
    [InlineData("""{"server": {"flavorRef": "1"}}""", "'name' is a required property")]
    [InlineData("""{"server": {"name": "vm"}}""", "'flavorRef' is a required property")]
    [InlineData("""{"servers": {}}""", "Additional properties are not allowed ('servers' was unexpected)")]
    [InlineData("""{"server": {"name": "vm", "flavorRef": "1", "bogus": 1}}""", "Additional properties are not allowed ('bogus' was unexpected)")]
    [InlineData("""{"server": {"name": " vm", "flavorRef": "1"}}""", "An invalid 'name' value was provided")]
    [InlineData("""{"server": {"name": "", "flavorRef": "1"}}""", "name")]
    [InlineData("""{"server": {"name": 5, "flavorRef": "1"}}""", "is not of type 'string'")]
    [InlineData("""{"server": {"name": "vm", "flavorRef": "1", "imageRef": "not-a-uuid"}}""", "imageRef")]
    [InlineData("""{"server": {"name": "vm", "flavorRef": "1", "metadata": {"k": 1}}}""", "metadata/k")]
    [InlineData("""{"server": {"name": "vm", "flavorRef": "1", "metadata": {"bad/key": "v"}}}""", "metadata")]
    [InlineData("""{"server": {"name": "vm", "flavorRef": "1", "accessIPv4": "1.2.3"}}""", "accessIPv4")]
    [InlineData("""{"server": {"name": "vm", "flavorRef": "1", "accessIPv6": "1.2.3.4"}}""", "accessIPv6")]
    [InlineData("""{"server": {"name": "vm", "flavorRef": "1", "OS-DCF:diskConfig": "auto"}}""", "OS-DCF:diskConfig")]
    [InlineData("""{"server": {"name": "vm", "flavorRef": "1", "min_count": 3, "max_count": 2}}""", "min_count must be <= max_count")]
    [InlineData("""{"server": {"name": "vm", "flavorRef": "1", "min_count": 0}}""", "less than the minimum of 1")]
    [InlineData("""{"server": {"name": "vm", "flavorRef": "1", "user_data": "%%%"}}""", "User data needs to be valid base 64.")]
    [InlineData("""{"server": {"name": "vm", "flavorRef": "1", "networks": [{"uuid": "nope"}]}}""", "Bad networks format")]
    [InlineData("""{"server": {"name": "vm", "flavorRef": "1", "networks": [{"fixed_ip": "10.0.0.5"}]}}""", "missing 'uuid'")]
    [InlineData("""{"server": {"name": "vm", "flavorRef": "1", "config_drive": "maybe"}}""", "config_drive")]
    [InlineData("""{"server": {"name": "vm", "flavorRef": "1", "description": "x"}}""", "('description' was unexpected)")]
    public void Rejects_invalid_bodies_with_a_message_naming_the_problem(string json, string expected)
    {
        var fault = Fails(json);
        fault.StatusCode.Should().Be(400);
        fault.Message.Should().Contain(expected);
    }

    [Fact]
    public void Networks_are_required_from_2_37() =>
        Fails($$$"""{"server": {"name": "vm", "flavorRef": "1", "imageRef": "{{{Image}}}"}}""", "2.37").Message.Should().Be("'networks' is a required property");

    [Theory]
    [InlineData("auto", true)]
    [InlineData("none", false)]
    public void Networks_auto_and_none_from_2_37(string value, bool auto)
    {
        var request = Parse($$$"""{"server": {"name": "vm", "flavorRef": "1", "networks": "{{{value}}}"}}""", "2.37");
        request.AutoAllocateNetwork.Should().Be(auto);
        request.Networks.Should().BeEmpty();
    }

    [Fact]
    public void Networks_as_a_string_are_rejected_before_2_37() =>
        Fails("""{"server": {"name": "vm", "flavorRef": "1", "networks": "auto"}}""").Message.Should().Contain("is not of type 'array'");

    [Fact]
    public void A_network_entry_keeps_its_fixed_ip()
    {
        var request = Parse("""{"server": {"name": "vm", "flavorRef": "1", "networks": [{"uuid": "3cb9bc59-5699-4588-a4b1-b87f96708bc6", "fixed_ip": "10.0.0.9"}]}}""");
        request.Networks.Should().ContainSingle().Which.FixedIp.Should().Be("10.0.0.9");
        request.AutoAllocateNetwork.Should().BeFalse();
    }

    [Fact]
    public void Network_tags_are_rejected_between_2_37_and_2_41_and_allowed_from_2_42()
    {
        const string body = """{"server": {"name": "vm", "flavorRef": "1", "networks": [{"uuid": "3cb9bc59-5699-4588-a4b1-b87f96708bc6", "tag": "t"}]}}""";
        Fails(body, "2.37").Message.Should().Contain("'tag' was unexpected");
        Parse(body, "2.42").Networks[0].Tag.Should().Be("t");
    }

    [Fact]
    public void Description_is_accepted_from_2_19()
    {
        var request = Parse("""{"server": {"name": "vm", "flavorRef": "1", "description": "hello"}}""", "2.19");
        request.Description.Should().Be("hello");
        request.DescriptionGiven.Should().BeTrue();
    }

    [Fact]
    public void Scheduler_hints_are_siblings_of_server_and_normalised_to_lists()
    {
        // different_host must hold server uuids (Nova's hint schema); same_host may be any string.
        const string b = "00000000-0000-0000-0000-00000000000b", c = "00000000-0000-0000-0000-00000000000c";
        var request = Parse($$$"""{"server": {"name": "vm", "flavorRef": "1"}, "os:scheduler_hints": {"same_host": "a", "different_host": ["{{{b}}}", "{{{c}}}"]}}""");
        request.SchedulerHints["same_host"].Should().Equal("a");
        request.SchedulerHints["different_host"].Should().Equal(b, c);
    }

    [Fact]
    public void Boolean_strings_are_accepted_as_nova_accepts_them() =>
        Parse("""{"server": {"name": "vm", "flavorRef": "1", "config_drive": "YES", "return_reservation_id": "off"}}""").ConfigDrive.Should().BeTrue();

    [Fact]
    public void Security_groups_are_kept_as_sent_with_duplicates() =>
        Parse("""{"server": {"name": "vm", "flavorRef": "1", "security_groups": [{"name": "a"}, {"name": "a"}]}}""").SecurityGroups.Should().Equal("a", "a");
}
