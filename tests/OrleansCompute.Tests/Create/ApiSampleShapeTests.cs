using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Create;

/// <summary>
/// Our create and show responses against the shapes of Nova's api samples (doc/api_samples/servers and its
/// v2.N folders) for every microversion folder up to the advertised maximum: the same field names, the same
/// nesting and the same JSON types. The expected shapes below were read off the sample files.
/// </summary>
[Collection(CreateHostCollection.Name)]
public sealed class ApiSampleShapeTests(CreateHostFixture fixture)
{
    private static readonly string[] CreateKeys = ["OS-DCF:diskConfig", "adminPass", "id", "links", "security_groups"];

    private static readonly Dictionary<string, string> Base = new()
    {
        ["OS-DCF:diskConfig"] = "string", ["OS-EXT-AZ:availability_zone"] = "string", ["OS-EXT-SRV-ATTR:host"] = "string",
        ["OS-EXT-SRV-ATTR:hypervisor_hostname"] = "string", ["OS-EXT-SRV-ATTR:instance_name"] = "string",
        ["OS-EXT-STS:power_state"] = "number", ["OS-EXT-STS:task_state"] = "null", ["OS-EXT-STS:vm_state"] = "string",
        ["OS-SRV-USG:launched_at"] = "string", ["OS-SRV-USG:terminated_at"] = "null", ["accessIPv4"] = "string", ["accessIPv6"] = "string",
        ["addresses"] = "object", ["config_drive"] = "string", ["created"] = "string", ["flavor"] = "object", ["hostId"] = "string",
        ["id"] = "string", ["image"] = "object", ["key_name"] = "null", ["links"] = "array", ["metadata"] = "object", ["name"] = "string",
        ["os-extended-volumes:volumes_attached"] = "array", ["progress"] = "number", ["security_groups"] = "array", ["status"] = "string",
        ["tenant_id"] = "string", ["updated"] = "string", ["user_id"] = "string",
    };

    private static readonly Dictionary<string, string> V23 = new()
    {
        ["OS-EXT-SRV-ATTR:hostname"] = "string", ["OS-EXT-SRV-ATTR:kernel_id"] = "string", ["OS-EXT-SRV-ATTR:launch_index"] = "number",
        ["OS-EXT-SRV-ATTR:ramdisk_id"] = "string", ["OS-EXT-SRV-ATTR:reservation_id"] = "string", ["OS-EXT-SRV-ATTR:root_device_name"] = "string",
        ["OS-EXT-SRV-ATTR:user_data"] = "string",
    };

    /// <summary>The sample folders (with a show sample) up to the advertised maximum, and what each adds.</summary>
    public static TheoryData<string> Versions() => new() { "2.1", "2.3", "2.9", "2.16", "2.19", "2.47" };

    private static Dictionary<string, string> ShowShape(string version)
    {
        var minor = int.Parse(version.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture);
        var shape = new Dictionary<string, string>(Base);
        void Add(int from, Dictionary<string, string> keys)
        {
            if (minor >= from)
            {
                foreach (var (key, type) in keys)
                {
                    shape[key] = type;
                }
            }
        }

        Add(3, V23);
        Add(9, new() { ["locked"] = "bool" });
        Add(16, new() { ["host_status"] = "string" });
        Add(19, new() { ["description"] = "null" });
        Add(26, new() { ["tags"] = "array" });
        return shape;
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Create_and_show_have_the_fields_nesting_and_types_of_the_api_samples(string version)
    {
        using var client = fixture.NewProject(out var project, admin: true);
        var networks = version is "2.1" or "2.3" or "2.9" or "2.16" or "2.19" ? "" : ", \"networks\": \"auto\"";
        var created = await client.PostAsync(
            "/v2.1/servers",
            CreateTestBodies.Server("new-server-test", $", \"metadata\": {{\"My Server Name\": \"Apache1\"}}, \"accessIPv4\": \"1.2.3.4\", \"accessIPv6\": \"80fe::\", \"user_data\": \"IyEvYmluL2Jhc2gK\"{networks}"),
            version);
        created.Status.Should().Be(HttpStatusCode.Accepted, created.Body);
        var server = created.Json["server"]!;
        server.AsObject().Select(p => p.Key).Should().BeEquivalentTo(CreateKeys);
        AssertLinks(server["links"]!);
        server["security_groups"]![0]!.AsObject().Select(p => p.Key).Should().Equal("name");

        var id = server["id"]!.GetValue<string>();
        await CreateTestBodies.AdminWaitAsync(fixture, project, id, "ACTIVE");
        var shown = (await client.GetAsync($"/v2.1/servers/{id}", version)).Json["server"]!;
        var expected = ShowShape(version);
        shown.AsObject().Select(p => p.Key).Should().BeEquivalentTo(expected.Keys, $"the {version} sample's fields");
        foreach (var (key, type) in expected)
        {
            Compatible(shown[key], type).Should().BeTrue($"{key} should be {type} at {version}, is {shown[key]?.GetValueKind()}");
        }

        AssertLinks(shown["links"]!);
        shown["image"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["id", "links"]);
        shown["image"]!["links"]![0]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["href", "rel"]);
        var flavorKeys = version == "2.47" ? new[] { "disk", "ephemeral", "extra_specs", "original_name", "ram", "swap", "vcpus" } : ["id", "links"];
        shown["flavor"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(flavorKeys);
        var address = shown["addresses"]!["private"]![0]!;
        address.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["OS-EXT-IPS-MAC:mac_addr", "OS-EXT-IPS:type", "addr", "version"]);
        address["version"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        shown["security_groups"]![0]!.AsObject().Select(p => p.Key).Should().Equal("name");
        shown["metadata"]!["My Server Name"]!.GetValue<string>().Should().Be("Apache1");
    }

    private static void AssertLinks(JsonNode links)
    {
        links.AsArray().Select(l => l!["rel"]!.GetValue<string>()).Should().Equal("self", "bookmark");
        links.AsArray().Should().OnlyContain(l => l!.AsObject().Select(p => p.Key).OrderBy(k => k).SequenceEqual(new[] { "href", "rel" }));
    }

    /// <summary>A sample's null stands for "string or null" (the sample server simply had no value).</summary>
    private static bool Compatible(JsonNode? node, string type)
    {
        var kind = node?.GetValueKind() ?? JsonValueKind.Null;
        return type switch
        {
            "string" => kind == JsonValueKind.String,
            "number" => kind == JsonValueKind.Number,
            "bool" => kind is JsonValueKind.True or JsonValueKind.False,
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            "null" => kind is JsonValueKind.Null or JsonValueKind.String,
            _ => false,
        };
    }
}
