using System.Net;
using OrleansCompute.Tests.Http;

namespace OrleansCompute.Tests.Create;

/// <summary>
/// Every create rule over HTTP at a microversion this service advertises: a request that breaks the rule
/// gets Nova's status and a message naming the problem, and the same request without the fault is accepted.
/// Gates above the advertised maximum are covered by the parser's unit tests.
/// </summary>
[Collection(CreateHostCollection.Name)]
public sealed class CreateValidationTests(CreateHostFixture fixture)
{
    private const string Image = NovaClient.Image;
    private const string Net = CreateHostFixture.PrivateNetwork;

    public static TheoryData<string, string, string, int, string> Rules() => new()
    {
        // rule, version, failing fields, status, message fragment — the passing twin is in Passing().
        { "name required", "2.1", "NONAME", 400, "'name' is a required property" },
        { "name printable", "2.1", "\"name\": \" lead\"", 400, "Can not start or end with whitespace" },
        { "name length", "2.1", $"\"name\": \"{new string('n', 256)}\"", 400, "is too long" },
        { "unknown key", "2.1", "\"nonsense\": 1", 400, "'nonsense' was unexpected" },
        { "flavorRef type", "2.1", "\"flavorRef\": true", 400, "flavorRef" },
        { "flavor unknown", "2.1", "\"flavorRef\": \"999\"", 400, "Flavor 999 could not be found." },
        { "imageRef uuid", "2.1", "\"imageRef\": \"not-a-uuid\"", 400, "is not a 'uuid'" },
        { "image unknown", "2.1", "\"imageRef\": \"00000000-0000-0000-0000-000000000001\"", 400, "Can not find requested image" },
        { "metadata value type", "2.1", "\"metadata\": {\"a\": 1}", 400, "metadata/a" },
        { "metadata value length", "2.1", $"\"metadata\": {{\"a\": \"{new string('v', 256)}\"}}", 400, "is too long" },
        { "metadata quota", "2.1", "\"metadata\": {" + string.Join(", ", Enumerable.Range(0, 129).Select(i => $"\"k{i}\": \"v\"")) + "}", 403, "metadata_items" },
        { "networks required 2.37", "2.37", "\"networks\": null", 400, "networks" },
        { "networks enum", "2.37", "\"networks\": \"some\"", 400, "Invalid input for field/attribute networks. Value: some. 'some' is not valid under any of the given schemas" },
        { "network uuid format", "2.1", "\"networks\": [{\"uuid\": \"bad\"}]", 400, "Bad networks format" },
        { "network unknown", "2.1", "\"networks\": [{\"uuid\": \"00000000-0000-0000-0000-000000000009\"}]", 400, "could not be found" },
        { "network tag below 2.32", "2.31", $"\"networks\": [{{\"uuid\": \"{Net}\", \"tag\": \"t\"}}]", 400, "'tag' was unexpected" },
        { "network fixed_ip format", "2.1", $"\"networks\": [{{\"uuid\": \"{Net}\", \"fixed_ip\": \"10.0.0\"}}]", 400, "ip-address" },
        { "port with fixed_ip", "2.1", $"\"networks\": [{{\"port\": \"{CreateHostFixture.PortId}\", \"fixed_ip\": \"10.0.0.9\"}}]", 400, "Bad network format" },
        { "port unknown", "2.1", "\"networks\": [{\"port\": \"00000000-0000-0000-0000-00000000000a\"}]", 400, "could not be found" },
        { "accessIPv4", "2.1", "\"accessIPv4\": \"1.2.3\"", 400, "is not a 'ipv4'" },
        { "accessIPv6", "2.1", "\"accessIPv6\": \"1.2.3.4\"", 400, "is not a 'ipv6'" },
        { "adminPass type", "2.1", "\"adminPass\": 5", 400, "adminPass" },
        { "availability zone unknown", "2.1", "\"availability_zone\": \"mars\"", 400, "The requested availability zone is not available" },
        { "availability zone forced host needs admin", "2.1", "\"availability_zone\": \"nova:compute-1\"", 403, "forced_host" },
        { "availability zone too many colons", "2.1", "\"availability_zone\": \"a:b:c:d\"", 400, "availability_zone" },
        { "config_drive", "2.1", "\"config_drive\": \"maybe\"", 400, "config_drive" },
        { "key_name unknown", "2.1", "\"key_name\": \"nokey\"", 400, "Invalid key_name provided." },
        { "diskConfig", "2.1", "\"OS-DCF:diskConfig\": \"SOMETIMES\"", 400, "is not one of ['AUTO', 'MANUAL']" },
        { "personality base64", "2.1", "\"personality\": [{\"path\": \"/a\", \"contents\": \"@@@\"}]", 400, "base64" },
        { "personality count", "2.1", "\"personality\": [" + string.Join(", ", Enumerable.Range(0, 6).Select(i => $"{{\"path\": \"/f{i}\", \"contents\": \"YQ==\"}}")) + "]", 403, "Personality file limit exceeded" },
        { "personality path", "2.1", $"\"personality\": [{{\"path\": \"/{new string('p', 300)}\", \"contents\": \"YQ==\"}}]", 403, "Personality file path exceeds maximum 255" },
        { "personality content", "2.1", $"\"personality\": [{{\"path\": \"/a\", \"contents\": \"{Convert.ToBase64String(new byte[10241])}\"}}]", 403, "Personality file content exceeds maximum 10240" },
        { "security_groups shape", "2.1", "\"security_groups\": [{\"id\": \"x\"}]", 400, "'id' was unexpected" },
        { "user_data base64", "2.1", "\"user_data\": \"@@@\"", 400, "User data needs to be valid base 64." },
        { "user_data null", "2.1", "\"user_data\": null", 400, "user_data" },
        { "description gated below 2.19", "2.18", "\"description\": \"d\"", 400, "'description' was unexpected" },
        { "description length", "2.19", $"\"description\": \"{new string('d', 256)}\"", 400, "description" },
        { "min_count type", "2.1", "\"min_count\": \"two\"", 400, "min_count" },
        { "min_count above max_count", "2.1", "\"min_count\": 3, \"max_count\": 2", 400, "min_count must be <= max_count" },
        { "max_count zero", "2.1", "\"max_count\": 0", 400, "less than the minimum of 1" },
        { "multiple with a port", "2.1", $"\"max_count\": 2, \"networks\": [{{\"port\": \"{CreateHostFixture.PortId}\"}}]", 400, "single configured port" },
        { "multiple with a fixed ip", "2.1", $"\"max_count\": 2, \"networks\": [{{\"uuid\": \"{Net}\", \"fixed_ip\": \"10.0.99.9\"}}]", 400, "fixed_ip" },
        { "multiple with a volume", "2.1", "\"max_count\": 2, \"block_device_mapping_v2\": [{\"source_type\": \"volume\", \"destination_type\": \"volume\", \"uuid\": \"1d8d21a9-0d06-4cd3-a1bc-4bd5b1a2b8b2\", \"boot_index\": 1}, {\"source_type\": \"image\", \"destination_type\": \"local\", \"uuid\": \"" + Image + "\", \"boot_index\": 0}]", 400, "Cannot attach one or more volumes to multiple instances" },
        { "return_reservation_id", "2.1", "\"return_reservation_id\": \"perhaps\"", 400, "return_reservation_id" },
        { "bdm source_type", "2.1", "\"block_device_mapping_v2\": [{\"source_type\": \"floppy\", \"boot_index\": 0}]", 400, "source_type" },
        { "bdm uuid required", "2.1", "\"block_device_mapping_v2\": [{\"source_type\": \"image\", \"destination_type\": \"volume\", \"volume_size\": 1, \"boot_index\": 0}]", 400, "Missing device UUID" },
        { "bdm blank without uuid", "2.1", "\"block_device_mapping_v2\": [{\"source_type\": \"blank\", \"uuid\": \"x\", \"destination_type\": \"local\", \"boot_index\": -1}, {\"source_type\": \"image\", \"destination_type\": \"local\", \"uuid\": \"" + Image + "\", \"boot_index\": 0}]", 400, "Block Device Mapping is Invalid" },
        { "bdm boot sequence", "2.1", "\"block_device_mapping_v2\": [{\"source_type\": \"image\", \"destination_type\": \"volume\", \"uuid\": \"" + Image + "\", \"volume_size\": 1, \"boot_index\": 1}]", 400, "Boot sequence" },
        { "bdm volume_size for image to volume", "2.1", "\"block_device_mapping_v2\": [{\"source_type\": \"image\", \"destination_type\": \"volume\", \"uuid\": \"" + Image + "\", \"boot_index\": 0}]", 400, "non-zero size" },
        { "bdm existing volume not found", "2.1", "\"block_device_mapping_v2\": [{\"source_type\": \"volume\", \"destination_type\": \"volume\", \"uuid\": \"1d8d21a9-0d06-4cd3-a1bc-4bd5b1a2b8b2\", \"boot_index\": 0}]", 400, "failed to get volume" },
        { "bdm image to local other than root", "2.1", "\"block_device_mapping_v2\": [{\"source_type\": \"image\", \"destination_type\": \"local\", \"uuid\": \"" + Image + "\", \"boot_index\": 1}, {\"source_type\": \"image\", \"destination_type\": \"volume\", \"uuid\": \"" + Image + "\", \"volume_size\": 1, \"boot_index\": 0}]", 400, "Mapping image to local is not supported." },
        { "bdm ephemeral larger than flavor", "2.1", "\"block_device_mapping_v2\": [{\"source_type\": \"blank\", \"destination_type\": \"local\", \"volume_size\": 5, \"boot_index\": -1}, {\"source_type\": \"image\", \"destination_type\": \"local\", \"uuid\": \"" + Image + "\", \"boot_index\": 0}]", 400, "Ephemeral disks requested are larger" },
        { "bdm disk_bus", "2.1", "\"block_device_mapping_v2\": [{\"source_type\": \"image\", \"destination_type\": \"volume\", \"uuid\": \"" + Image + "\", \"volume_size\": 1, \"boot_index\": 0, \"disk_bus\": \"carrier-pigeon\"}]", 400, "carrier-pigeon" },
        { "bdm tag below 2.32", "2.31", "\"block_device_mapping_v2\": [{\"source_type\": \"image\", \"destination_type\": \"volume\", \"uuid\": \"" + Image + "\", \"volume_size\": 1, \"boot_index\": 0, \"tag\": \"t\"}]", 400, "'tag' was unexpected" },
        { "bdm volume_type below 2.67", "2.47", "\"block_device_mapping_v2\": [{\"source_type\": \"image\", \"destination_type\": \"volume\", \"uuid\": \"" + Image + "\", \"volume_size\": 1, \"boot_index\": 0, \"volume_type\": \"ssd\"}]", 400, "'volume_type' was unexpected" },
        { "bdm legacy and v2 together", "2.1", "\"block_device_mapping\": [], \"block_device_mapping_v2\": []", 400, "different block_device_mapping syntaxes" },
        { "scheduler hint group uuid", "2.1", "HINTS{\"group\": \"nope\"}", 400, "os:scheduler_hints/group" },
        { "scheduler hint group unknown", "2.1", "HINTS{\"group\": \"00000000-0000-0000-0000-0000000000ff\"}", 400, "Invalid server group" },
        { "scheduler hint different_host", "2.1", "HINTS{\"different_host\": [\"nope\"]}", 400, "os:scheduler_hints/different_host" },
        { "scheduler hint build_near_host_ip", "2.1", "HINTS{\"build_near_host_ip\": \"near\"}", 400, "build_near_host_ip" },
        { "scheduler hint cidr", "2.1", "HINTS{\"build_near_host_ip\": \"192.168.10.11\", \"cidr\": \"24\"}", 400, "os:scheduler_hints/cidr" },
        { "scheduler hint query", "2.1", "HINTS{\"query\": 5}", 400, "os:scheduler_hints/query" },
        { "scheduler hint target_cell", "2.1", "HINTS{\"target_cell\": 5}", 400, "target_cell" },
        { "scheduler hints type", "2.1", "HINTS[]", 400, "os:scheduler_hints" },
        { "tags gated below 2.52", "2.1", "\"tags\": [\"a\"]", 400, "'tags' was unexpected" },
        { "trusted certificates gated", "2.47", "\"trusted_image_certificates\": [\"a\"]", 400, "'trusted_image_certificates' was unexpected" },
        { "host gated", "2.47", "\"host\": \"compute-1\"", 400, "'host' was unexpected" },
        { "hostname gated", "2.47", "\"hostname\": \"h\"", 400, "'hostname' was unexpected" },
    };

    /// <summary>For each rule, the fields of a request that keeps to it (the create is accepted).</summary>
    private static readonly Dictionary<string, string> Passing = new()
    {
        ["name required"] = "\"name\": \"ok\"",
        ["name printable"] = "\"name\": \"in side\"",
        ["name length"] = $"\"name\": \"{new string('n', 255)}\"",
        ["unknown key"] = "\"metadata\": {}",
        ["flavorRef type"] = "\"flavorRef\": 1",
        ["flavor unknown"] = "\"flavorRef\": \"http://example.com/flavors/2\"",
        ["imageRef uuid"] = $"\"imageRef\": \"http://example.com/images/{Image}\"",
        ["image unknown"] = $"\"imageRef\": \"{Image}\"",
        ["metadata value type"] = "\"metadata\": {\"a\": \"1\"}",
        ["metadata value length"] = $"\"metadata\": {{\"a\": \"{new string('v', 255)}\"}}",
        ["metadata quota"] = "\"metadata\": {" + string.Join(", ", Enumerable.Range(0, 128).Select(i => $"\"k{i}\": \"v\"")) + "}",
        ["networks required 2.37"] = "\"networks\": \"auto\"",
        ["networks enum"] = "\"networks\": \"none\"",
        ["network uuid format"] = $"\"networks\": [{{\"uuid\": \"{Net}\"}}]",
        ["network unknown"] = $"\"networks\": [{{\"uuid\": \"{Net}\"}}]",
        ["network tag below 2.32"] = $"\"networks\": [{{\"uuid\": \"{Net}\"}}]",
        ["network fixed_ip format"] = $"\"networks\": [{{\"uuid\": \"{Net}\", \"fixed_ip\": \"FIXEDIP\"}}]",
        ["port with fixed_ip"] = $"\"networks\": [{{\"uuid\": \"{Net}\"}}]",
        ["port unknown"] = $"\"networks\": [{{\"uuid\": \"{Net}\"}}]",
        ["accessIPv4"] = "\"accessIPv4\": \"1.2.3.4\"",
        ["accessIPv6"] = "\"accessIPv6\": \"80fe::\"",
        ["adminPass type"] = "\"adminPass\": \"pw\"",
        ["availability zone unknown"] = "\"availability_zone\": \"nova\"",
        ["availability zone forced host needs admin"] = "\"availability_zone\": \"nova\"",
        ["availability zone too many colons"] = "\"availability_zone\": \"nova\"",
        ["config_drive"] = "\"config_drive\": \"yes\"",
        ["key_name unknown"] = "",
        ["diskConfig"] = "\"OS-DCF:diskConfig\": \"MANUAL\"",
        ["personality base64"] = "\"personality\": [{\"path\": \"/a\", \"contents\": \"YQ==\"}]",
        ["personality count"] = "\"personality\": [" + string.Join(", ", Enumerable.Range(0, 5).Select(i => $"{{\"path\": \"/f{i}\", \"contents\": \"YQ==\"}}")) + "]",
        ["personality path"] = $"\"personality\": [{{\"path\": \"/{new string('p', 254)}\", \"contents\": \"YQ==\"}}]",
        ["personality content"] = $"\"personality\": [{{\"path\": \"/a\", \"contents\": \"{Convert.ToBase64String(new byte[10240])}\"}}]",
        ["security_groups shape"] = "\"security_groups\": [{\"name\": \"default\"}]",
        ["user_data base64"] = "\"user_data\": \"IyEvYmluL2Jhc2gK\"",
        ["user_data null"] = "\"user_data\": \"\"",
        ["description gated below 2.19"] = "",
        ["description length"] = "\"description\": null",
        ["min_count type"] = "\"min_count\": \"1\"",
        ["min_count above max_count"] = "\"min_count\": 1, \"max_count\": \"1\"",
        ["max_count zero"] = "\"max_count\": 1",
        ["multiple with a port"] = $"\"networks\": [{{\"port\": \"{CreateHostFixture.SecondPortId}\"}}]",
        ["multiple with a fixed ip"] = "\"max_count\": 2",
        ["multiple with a volume"] = "\"max_count\": 2, \"block_device_mapping_v2\": [{\"source_type\": \"image\", \"destination_type\": \"local\", \"uuid\": \"" + Image + "\", \"boot_index\": 0}]",
        ["return_reservation_id"] = "\"return_reservation_id\": \"False\"",
        ["bdm source_type"] = "\"block_device_mapping_v2\": [{\"source_type\": \"image\", \"destination_type\": \"local\", \"uuid\": \"" + Image + "\", \"boot_index\": 0}]",
        ["bdm uuid required"] = "\"block_device_mapping_v2\": [{\"source_type\": \"image\", \"destination_type\": \"volume\", \"uuid\": \"" + Image + "\", \"volume_size\": 1, \"boot_index\": 0}]",
        ["bdm blank without uuid"] = "\"block_device_mapping_v2\": [{\"source_type\": \"blank\", \"destination_type\": \"local\", \"boot_index\": -1}, {\"source_type\": \"image\", \"destination_type\": \"local\", \"uuid\": \"" + Image + "\", \"boot_index\": 0}]",
        ["bdm boot sequence"] = "\"block_device_mapping_v2\": [{\"source_type\": \"image\", \"destination_type\": \"volume\", \"uuid\": \"" + Image + "\", \"volume_size\": 1, \"boot_index\": \"0\"}]",
        ["bdm volume_size for image to volume"] = "\"block_device_mapping_v2\": [{\"source_type\": \"image\", \"destination_type\": \"volume\", \"uuid\": \"" + Image + "\", \"volume_size\": \"1\", \"boot_index\": 0}]",
        ["bdm existing volume not found"] = "\"block_device_mapping_v2\": [{\"source_type\": \"image\", \"destination_type\": \"volume\", \"uuid\": \"" + Image + "\", \"volume_size\": 1, \"boot_index\": 0}]",
        ["bdm image to local other than root"] = "\"block_device_mapping_v2\": [{\"source_type\": \"image\", \"destination_type\": \"local\", \"uuid\": \"" + Image + "\", \"boot_index\": 0}]",
        ["bdm ephemeral larger than flavor"] = "\"block_device_mapping_v2\": [{\"source_type\": \"image\", \"destination_type\": \"local\", \"uuid\": \"" + Image + "\", \"boot_index\": 0}]",
        ["bdm disk_bus"] = "\"block_device_mapping_v2\": [{\"source_type\": \"image\", \"destination_type\": \"volume\", \"uuid\": \"" + Image + "\", \"volume_size\": 1, \"boot_index\": 0, \"disk_bus\": \"virtio\"}]",
        ["bdm tag below 2.32"] = "\"block_device_mapping_v2\": [{\"source_type\": \"image\", \"destination_type\": \"volume\", \"uuid\": \"" + Image + "\", \"volume_size\": 1, \"boot_index\": 0}]",
        ["bdm volume_type below 2.67"] = "\"block_device_mapping_v2\": [{\"source_type\": \"image\", \"destination_type\": \"volume\", \"uuid\": \"" + Image + "\", \"volume_size\": 1, \"boot_index\": 0}]",
        ["bdm legacy and v2 together"] = "\"block_device_mapping_v2\": [{\"source_type\": \"image\", \"destination_type\": \"local\", \"uuid\": \"" + Image + "\", \"boot_index\": 0}]",
        ["scheduler hint group uuid"] = "HINTS{\"group\": \"GROUP\"}",
        ["scheduler hint group unknown"] = "HINTS{\"group\": \"GROUP\"}",
        ["scheduler hint different_host"] = "HINTS{\"different_host\": [\"00000000-0000-0000-0000-0000000000fe\"]}",
        ["scheduler hint build_near_host_ip"] = "HINTS{\"build_near_host_ip\": \"192.168.10.11\"}",
        ["scheduler hint cidr"] = "HINTS{\"build_near_host_ip\": \"192.168.10.11\", \"cidr\": \"/24\"}",
        ["scheduler hint query"] = "HINTS{\"query\": \"[\\\">=\\\", \\\"$free_ram_mb\\\", 1]\"}",
        ["scheduler hint target_cell"] = "HINTS{\"target_cell\": \"cell1\", \"different_cell\": [\"cell2\"], \"out_of_tree\": {\"x\": 1}}",
        ["scheduler hints type"] = "HINTS{}",
        ["tags gated below 2.52"] = "",
        ["trusted certificates gated"] = "",
        ["host gated"] = "",
        ["hostname gated"] = "",
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Each_create_rule_rejects_a_breaking_request_and_accepts_one_that_keeps_it(string rule, string version, string failing, int status, string message)
    {
        using var client = fixture.NewProject(out _);
        var groupId = await NewGroupAsync(client);

        var bad = await client.PostAsync("/v2.1/servers", Body(failing, version, groupId), version);
        ((int)bad.Status).Should().Be(status, bad.Body);
        bad.Body.Should().Contain(message);
        bad.Json[status == 403 ? "forbidden" : "badRequest"]!["code"]!.GetValue<int>().Should().Be(status);

        var good = await client.PostAsync("/v2.1/servers", Body(Passing[rule], version, groupId), version);
        good.Status.Should().Be(HttpStatusCode.Accepted, $"{rule}: {good.Body}");
    }

    private static async Task<string> NewGroupAsync(NovaClient client)
    {
        var response = await client.PostAsync("/v2.1/os-server-groups", """{"server_group": {"name": "g", "policies": ["affinity"]}}""");
        return response.Json["server_group"]!["id"]!.GetValue<string>();
    }

    /// <summary>
    /// A create body: a valid base (name, flavorRef, imageRef, and networks from 2.37) with the given fields;
    /// a field given replaces the base's. NONAME leaves the name out, <c>"networks": null</c> leaves the
    /// networks out, HINTS starts the scheduler hints object, FIXEDIP is a free fixed IP.
    /// </summary>
    private static string Body(string fields, string version, string groupId)
    {
        var hints = "";
        var index = fields.IndexOf("HINTS", StringComparison.Ordinal);
        if (index >= 0)
        {
            hints = ", \"os:scheduler_hints\": " + fields[(index + 5)..].Replace("GROUP", groupId, StringComparison.Ordinal);
            fields = fields[..index].TrimEnd(',', ' ');
        }

        var noName = fields == "NONAME";
        fields = noName ? "" : fields.Replace("FIXEDIP", "10.0.77." + Random.Shared.Next(2, 250), StringComparison.Ordinal);
        var parts = new List<string>();
        if (!noName && !fields.StartsWith("\"name\":", StringComparison.Ordinal))
        {
            parts.Add("\"name\": \"v\"");
        }

        if (!fields.Contains("\"flavorRef\":", StringComparison.Ordinal))
        {
            parts.Add("\"flavorRef\": \"1\"");
        }

        if (!fields.Contains("\"imageRef\":", StringComparison.Ordinal))
        {
            parts.Add($"\"imageRef\": \"{Image}\"");
        }

        var minor = int.Parse(version.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture);
        if (minor >= 37 && !fields.Contains("\"networks\":", StringComparison.Ordinal))
        {
            parts.Add("\"networks\": \"auto\"");
        }

        if (fields.Length > 0)
        {
            parts.Add(fields);
        }

        var body = $"{{\"server\": {{{string.Join(", ", parts)}}}{hints}}}";
        return body.Replace(", \"networks\": null", "", StringComparison.Ordinal);
    }
}
