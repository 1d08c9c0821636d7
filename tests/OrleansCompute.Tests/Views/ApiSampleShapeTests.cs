using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OrleansCompute.Api;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Servers;
using OrleansCompute.Catalog;
using OrleansCompute.Identity;
using OrleansCompute.Images;
using OrleansCompute.Servers;

namespace OrleansCompute.Tests.Views;

/// <summary>
/// Our server views against the shapes of Nova's api samples (tests/tools/api-sample-shapes.py derives the field
/// paths and JSON types from them): for every sample folder, each view has exactly the sample's fields at every
/// level, with the same JSON types wherever both sides are non-null. The samples show an admin's view.
/// </summary>
public sealed class ApiSampleShapeTests
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<List<SampleShape>> Shapes = new(LoadShapes);

    public static TheoryData<string, string> Samples()
    {
        var data = new TheoryData<string, string>();
        // 2.69's samples are the reduced records of servers in an unreachable cell, which a cell-less service never shows.
        foreach (var shape in Shapes.Value.Where(shape => shape.Version != "2.69"))
        {
            data.Add(shape.Version, shape.View);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_view_has_exactly_the_fields_of_the_sample(string version, string view)
    {
        var expected = Shapes.Value.Single(shape => shape.Version == version && shape.View == view).Fields;
        ApiVersion.TryParse(version, out var apiVersion).Should().BeTrue();
        // Samples up to 2.75 show an admin's view; the later ones a project member's (no host, no host_status).
        var admin = expected.Keys.Any(path => path.EndsWith("OS-EXT-SRV-ATTR:instance_name", StringComparison.Ordinal));
        var actual = Paths(Render(view, apiVersion, admin));

        var problems = new List<string>();
        foreach (var (path, type) in expected)
        {
            if (!actual.TryGetValue(path, out var ours))
            {
                if (!UnderEmptyArray(path, actual))
                {
                    problems.Add($"missing {path}");
                }
            }
            else if (type != "null" && ours != "null" && type != ours)
            {
                problems.Add($"{path}: sample {type}, ours {ours}");
            }
        }

        problems.AddRange(actual.Keys.Where(path => !expected.ContainsKey(path) && !UnderEmptyArray(path, expected)).Select(path => $"extra {path}"));
        problems.Should().BeEmpty($"the {view} view at {version} must match Nova's sample");
    }

    [Fact]
    public void Non_admins_do_not_see_admin_only_fields_until_hostname_at_2_90()
    {
        var server = Paths(Render("show", new ApiVersion(2, 89), admin: false));
        server.Keys.Should().NotContain(key => key.StartsWith("server.OS-EXT-SRV-ATTR:", StringComparison.Ordinal));
        server.Keys.Should().NotContain("server.host_status");

        var at290 = Paths(Render("show", new ApiVersion(2, 90), admin: false));
        at290.Keys.Where(key => key.StartsWith("server.OS-EXT-SRV-ATTR:", StringComparison.Ordinal)).Should().Equal("server.OS-EXT-SRV-ATTR:hostname");
    }

    [Fact]
    public void Update_and_rebuild_below_2_75_leave_the_extended_address_keys_out()
    {
        var update = Paths(Render("update", new ApiVersion(2, 74)));
        update.Keys.Should().Contain("server.addresses.*[].addr").And.NotContain("server.addresses.*[].OS-EXT-IPS:type");
        var full = Paths(Render("update", new ApiVersion(2, 75)));
        full.Keys.Should().Contain("server.addresses.*[].OS-EXT-IPS:type");
    }

    private static JsonNode Render(string view, ApiVersion version, bool admin = true)
    {
        var caller = new CallerContext { UserId = "admin", ProjectId = Project, Roles = admin ? ["admin"] : [], RequestId = "req-1" };
        var request = new ComputeRequest(version, caller, new ComputeLinks("http://openstack.example.com", Project));
        var catalog = new ComputeCatalog(Options.Create(new CatalogOptions
        {
            Images = [new ImageDefinition { Id = Sample.ImageRef, Name = "cirros", Metadata = new() { ["architecture"] = "x86_64" } }],
        }));
        // The sample's image is configured: the lookup finds it in the catalog and never asks a grain.
        var writer = new ServerViewWriter(new ImageLookup(catalog, grains: null!, index: null!));

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            switch (view)
            {
                case "show":
                    json.WritePropertyName("server");
                    writer.WriteFull(json, Sample, request, ServerViewKind.Show);
                    break;
                case "update":
                    json.WritePropertyName("server");
                    writer.WriteUpdate(json, Sample, request);
                    break;
                case "rebuild":
                    json.WritePropertyName("server");
                    writer.WriteRebuild(json, Sample, request, adminPass: "seekr3t");
                    break;
                case "detail":
                    json.WriteStartArray("servers");
                    writer.WriteFull(json, Sample, request, ServerViewKind.Detail);
                    json.WriteEndArray();
                    break;
                default:
                    json.WriteStartArray("servers");
                    ServerViewWriter.WriteSummary(json, Sample, request.Links);
                    json.WriteEndArray();
                    break;
            }

            json.WriteEndObject();
        }

        return JsonNode.Parse(buffer.ToArray())!;
    }

    private const string Project = "6f70656e737461636b20342065766572";

    /// <summary>An ACTIVE server like the samples': on a host, one fixed address, the default group, tags and hints.</summary>
    private static readonly ServerSnapshot Sample = new()
    {
        Id = Guid.Parse("324dfb7d-f4a9-419a-9a19-237df04b443b"),
        ProjectId = Project,
        UserId = "admin",
        Name = "new-server-test",
        Description = "description",
        ImageRef = "70a599e0-31e7-49b7-b260-868f441e862b",
        Flavor = new FlavorSnapshot { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 },
        Metadata = new Dictionary<string, string> { ["My Server Name"] = "Apache1" },
        VmState = VmState.Active,
        PowerState = PowerState.Running,
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero),
        LaunchedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero),
        AccessIPv4 = "1.2.3.4",
        AccessIPv6 = "80fe::",
        DiskConfig = "AUTO",
        AvailabilityZone = "nova",
        SecurityGroups = ["default"],
        Addresses = [new ServerAddress { NetworkId = "n", NetworkLabel = "private", Address = "192.168.1.30", IpVersion = 4, MacAddress = "00:0c:29:0d:11:74" }],
        Host = "compute",
        Node = "fake-mini",
        InstanceName = "instance-00000001",
        Hostname = "new-server-test",
        ReservationId = "r-t61j9da6",
        UserData = "IyEvYmluL2Jhc2gK",
        Tags = ["tag1", "tag2"],
        TrustedImageCertificates = ["0b5d2c72-12cc-4ba6-a8d7-3ff5cc1d8cb8"],
        SchedulerHints = new Dictionary<string, IReadOnlyList<string>> { ["same_host"] = ["48e6a9f6-30af-47e0-bc04-acaed113bb4e"] },
        PinnedAvailabilityZone = "nova",
    };

    /// <summary>The same path notation as the generator: '.' between names, '[]' for the first item, '*' for data keys.</summary>
    private static Dictionary<string, string> Paths(JsonNode root)
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(root, "", paths, free: false);
        paths.Remove("");
        return paths;
    }

    private static readonly HashSet<string> FreeForm = ["metadata", "addresses", "extra_specs", "scheduler_hints", "properties"];

    private static void Walk(JsonNode? node, string path, Dictionary<string, string> paths, bool free)
    {
        paths[path] = node switch
        {
            null => "null",
            JsonObject => "object",
            JsonArray => "array",
            JsonValue value => value.GetValueKind() switch
            {
                JsonValueKind.String => "string",
                JsonValueKind.Number => "number",
                JsonValueKind.True or JsonValueKind.False => "boolean",
                _ => "null",
            },
            _ => "null",
        };
        if (node is JsonObject obj)
        {
            foreach (var (key, child) in obj)
            {
                var name = free ? "*" : key;
                Walk(child, path.Length == 0 ? name : $"{path}.{name}", paths, FreeForm.Contains(key) && !free);
            }
        }
        else if (node is JsonArray { Count: > 0 } array)
        {
            Walk(array[0], path + "[]", paths, free: false);
        }
    }

    /// <summary>
    /// True when the path lies inside an array or data map that the other side has empty, or a value the other side
    /// has null: the samples' data differ from ours there, not the shape.
    /// </summary>
    private static bool UnderEmptyArray(string path, Dictionary<string, string> other)
    {
        for (var i = 0; i < path.Length; i++)
        {
            var prefix = path[..i];
            if (path[i] is not ('[' or '.') || !other.TryGetValue(prefix, out var type))
            {
                continue;
            }

            var child = path[i] == '[' ? prefix + "[]" : prefix + ".*";
            if (type == "null"
                || (type == "array" && path[i] == '[' && !other.ContainsKey(child))
                || (type == "object" && path.AsSpan(i).StartsWith(".*") && !other.ContainsKey(child)))
            {
                return true;
            }
        }

        return false;
    }

    private static List<SampleShape> LoadShapes()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Views", "api-sample-shapes.json");
        return JsonSerializer.Deserialize<List<SampleShape>>(File.ReadAllText(path), WebJson)!;
    }

    public sealed record SampleShape(string Version, string View, Dictionary<string, string> Fields);
}
