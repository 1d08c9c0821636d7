using System.Text.Json;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Servers;
using OrleansCompute.Faults;

namespace OrleansCompute.Tests.Unit;

/// <summary>
/// The create schema's microversion gates, including those above the advertised maximum (the HTTP layer
/// answers 406 for them until the maximum is raised): each field is refused below its version, accepted at
/// it, and checked for its format there.
/// </summary>
public sealed class CreateVersionGateTests
{
    private const string Image = "70a599e0-31e7-49b7-b260-868f441e862b";

    private static CreateServerRequest Parse(string fields, string version)
    {
        var networks = ApiVersion.TryParse(version, out var v) && v.AtLeast(2, 37) ? ", \"networks\": \"none\"" : "";
        using var document = JsonDocument.Parse($$$"""{"server": {"name": "vm", "flavorRef": "1", "imageRef": "{{{Image}}}"{{{networks}}}, {{{fields}}}}}""");
        return CreateServerRequestParser.Parse(document.RootElement, v);
    }

    private static string Fails(string fields, string version)
    {
        var act = () => Parse(fields, version);
        var fault = act.Should().Throw<ComputeFaultException>().Which;
        fault.StatusCode.Should().Be(400);
        return fault.Message;
    }

    [Theory]
    [InlineData("\"tags\": [\"a\", \"b\"]", "2.51", "2.52")]
    [InlineData("\"trusted_image_certificates\": [\"c1\"]", "2.62", "2.63")]
    [InlineData("\"host\": \"compute-1\"", "2.73", "2.74")]
    [InlineData("\"hypervisor_hostname\": \"compute-1\"", "2.73", "2.74")]
    [InlineData("\"hostname\": \"web-01\"", "2.89", "2.90")]
    [InlineData("\"description\": \"d\"", "2.18", "2.19")]
    public void A_field_is_refused_below_its_microversion_and_accepted_from_it(string fields, string below, string from)
    {
        Fails(fields, below).Should().Contain("was unexpected");
        var act = () => Parse(fields, from);
        act.Should().NotThrow();
    }

    [Fact]
    public void Personality_is_refused_from_2_57()
    {
        const string personality = "\"personality\": [{\"path\": \"/a\", \"contents\": \"YQ==\"}]";
        Parse(personality, "2.56").Personality.Should().ContainSingle().Which.Should().Be(("/a", 1));
        Fails(personality, "2.57").Should().Contain("'personality' was unexpected");
    }

    [Fact]
    public void Tags_are_at_most_50_of_1_to_60_characters_without_slash_or_comma()
    {
        Fails("\"tags\": [\"a/b\"]", "2.52").Should().Contain("does not match");
        Fails("\"tags\": [\"a,b\"]", "2.52").Should().Contain("does not match");
        Fails($"\"tags\": [\"{new string('t', 61)}\"]", "2.52").Should().Contain("is too long");
        Fails("\"tags\": [\"\"]", "2.52").Should().Contain("too short");
        Fails("\"tags\": [" + string.Join(",", Enumerable.Range(0, 51).Select(i => $"\"t{i}\"")) + "]", "2.52").Should().Contain("is too long");
        Parse("\"tags\": [" + string.Join(",", Enumerable.Range(0, 50).Select(i => $"\"t{i}\"")) + "]", "2.52").Tags.Should().HaveCount(50);
    }

    [Fact]
    public void Trusted_certificates_are_unique_non_empty_strings_or_null()
    {
        Fails("\"trusted_image_certificates\": []", "2.63").Should().Contain("non-empty");
        Fails("\"trusted_image_certificates\": [\"a\", \"a\"]", "2.63").Should().Contain("non-unique");
        Fails("\"trusted_image_certificates\": [\"\"]", "2.63").Should().Contain("too short");
        Parse("\"trusted_image_certificates\": null", "2.63").TrustedImageCertificates.Should().BeNull();
    }

    [Fact]
    public void Hostname_is_a_label_at_2_90_and_an_fqdn_from_2_94_and_never_for_several_servers()
    {
        Fails("\"hostname\": \"web.example.com\"", "2.90").Should().Contain("does not match");
        Fails("\"hostname\": \"a\"", "2.93").Should().Contain("does not match");
        Parse("\"hostname\": \"web.example.com\"", "2.94").Hostname.Should().Be("web.example.com");
        Fails("\"hostname\": \"web\", \"max_count\": 2", "2.94").Should().Be("Unable to allocate a single hostname to multiple instances");
    }

    [Fact]
    public void Host_and_node_follow_the_host_name_pattern()
    {
        Fails("\"host\": \"bad host\"", "2.74").Should().Contain("does not match");
        Fails("\"hypervisor_hostname\": \"\"", "2.74").Should().Contain("does not match");
    }

    [Fact]
    public void Block_device_tag_is_allowed_at_2_32_and_from_2_42_and_volume_type_from_2_67()
    {
        const string bdm = "\"block_device_mapping_v2\": [{\"source_type\": \"image\", \"destination_type\": \"volume\", \"uuid\": \"" + Image + "\", \"volume_size\": 1, \"boot_index\": 0EXTRA}]";
        Parse(bdm.Replace("EXTRA", ", \"tag\": \"t\"", StringComparison.Ordinal), "2.32").BlockDevices.Should().ContainSingle();
        Fails(bdm.Replace("EXTRA", ", \"tag\": \"t\"", StringComparison.Ordinal), "2.33").Should().Contain("'tag' was unexpected");
        Parse(bdm.Replace("EXTRA", ", \"tag\": \"t\"", StringComparison.Ordinal), "2.42").BlockDevices.Should().ContainSingle();
        Fails(bdm.Replace("EXTRA", ", \"volume_type\": \"ssd\"", StringComparison.Ordinal), "2.66").Should().Contain("'volume_type' was unexpected");
        Parse(bdm.Replace("EXTRA", ", \"volume_type\": \"ssd\"", StringComparison.Ordinal), "2.67").BlockDevices[0].VolumeType.Should().Be("ssd");
        Fails("\"block_device_mapping_v2\": [{\"source_type\": \"volume\", \"destination_type\": \"volume\", \"uuid\": \"" + Image + "\", \"boot_index\": 0, \"volume_type\": \"ssd\"}]", "2.67")
            .Should().Contain("volume_type");
    }

    [Fact]
    public void Network_tags_are_allowed_at_2_32_to_2_36_and_from_2_42()
    {
        const string networks = "\"networks\": [{\"uuid\": \"3cb9bc59-5699-4588-a4b1-b87f96708bc6\", \"tag\": \"nic\"}]";
        using var document = JsonDocument.Parse($$$"""{"server": {"name": "vm", "flavorRef": "1", "imageRef": "{{{Image}}}", {{{networks}}}}}""");
        foreach (var (version, allowed) in new[] { ("2.31", false), ("2.32", true), ("2.36", true), ("2.37", false), ("2.41", false), ("2.42", true) })
        {
            ApiVersion.TryParse(version, out var v).Should().BeTrue();
            var act = () => CreateServerRequestParser.Parse(document.RootElement, v);
            if (allowed)
            {
                act.Should().NotThrow(version);
            }
            else
            {
                act.Should().Throw<ComputeFaultException>(version);
            }
        }
    }
}
