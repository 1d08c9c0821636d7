using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Identity;

/// <summary>
/// One real host in the product's default mode (built-in identity) shared by the identity, policy and
/// real-client tests. Besides the default users it has <c>demo_reader</c> (role reader on project demo), and a
/// policy file that makes one rule admin-only, to prove that overrides apply.
/// </summary>
public sealed class IdentityHostFixture : IAsyncLifetime
{
    /// <summary>The rule the fixture's policy file overrides, and the route that checks it.</summary>
    public const string OverriddenRule = "os_compute_api:os-flavor-extra-specs:show";

    /// <summary>The instance quota of every project on this host, above what the tests create.</summary>
    public const int InstanceQuota = 1000;

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _home = new();
    private readonly Dictionary<string, string> _tokens = [];

    public HostProcess Host { get; private set; } = null!;

    public OpenStackCli Cli { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> Passwords { get; private set; } = new Dictionary<string, string>();

    public string CloudsYaml => Path.Combine(_data.Path, "clouds.yaml");

    public string AuthUrl => $"{Host.BaseAddress}identity/v3";

    public async Task InitializeAsync()
    {
        var policyFile = Path.Combine(_data.Path, "policy.yaml");
        await File.WriteAllTextAsync(policyFile, $"# Test override\n\"{OverriddenRule}\": \"rule:context_is_admin\"\n");
        Host = new HostProcess(
            _data.Path,
            HostProcess.IdentityMode,
            "--Compute:FakeDriver:SpawnSeconds=0.2",
            "--Compute:FakeDriver:DefaultSeconds=0.05",
            "--Compute:Identity:Users:demo_reader:Project=demo",
            "--Compute:Identity:Users:demo_reader:Roles:0=reader",
            $"--Compute:Policy:File={policyFile}",
            // Many tests create servers in project demo on this one host: quotas far above what they use.
            $"--Compute:Quota:Instances={InstanceQuota}",
            "--Compute:Quota:Cores=-1",
            "--Compute:Quota:Ram=-1");
        await Host.StartAsync();
        await Eventually.Until(() => Task.FromResult(File.Exists(CloudsYaml)), exists => exists, because: "the host writes clouds.yaml once it listens");
        var passwords = Path.Combine(_data.Path, "identity", "passwords.json");
        Passwords = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(passwords))!;
        Cli = new OpenStackCli(CloudsYaml, AuthUrl, _home.Path);
    }

    /// <summary>A project-scoped token of the user (scoped to its own project), issued once and reused.</summary>
    public async Task<string> TokenAsync(string user)
    {
        if (_tokens.TryGetValue(user, out var cached))
        {
            return cached;
        }

        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        using var response = await http.PostAsync("/identity/v3/auth/tokens", PasswordAuth(user, Passwords[user]));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var token = response.Headers.GetValues("X-Subject-Token").Single();
        _tokens[user] = token;
        return token;
    }

    public async Task<NovaClient> ClientAsync(string user) => NovaClient.For(Host, await TokenAsync(user));

    /// <summary>The project id the identity service gave a user's project (from a token of that user).</summary>
    public async Task<string> ProjectIdAsync(string user)
    {
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        using var response = await http.PostAsync("/identity/v3/auth/tokens?nocatalog", PasswordAuth(user, Passwords[user]));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["token"]!["project"]!["id"]!.GetValue<string>();
    }

    public static StringContent PasswordAuth(string user, string password, string? project = null, string? projectId = null)
    {
        var scope = projectId is not null
            ? new JsonObject { ["project"] = new JsonObject { ["id"] = projectId } }
            : project is not null
                ? new JsonObject { ["project"] = new JsonObject { ["name"] = project, ["domain"] = new JsonObject { ["id"] = "default" } } }
                : null;
        var auth = new JsonObject
        {
            ["identity"] = new JsonObject
            {
                ["methods"] = new JsonArray("password"),
                ["password"] = new JsonObject
                {
                    ["user"] = new JsonObject { ["name"] = user, ["domain"] = new JsonObject { ["name"] = "Default" }, ["password"] = password },
                },
            },
        };
        if (scope is not null)
        {
            auth["scope"] = scope;
        }

        return new StringContent(new JsonObject { ["auth"] = auth }.ToJsonString(), Encoding.UTF8, "application/json");
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
        _home.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class IdentityHostCollection : ICollectionFixture<IdentityHostFixture>
{
    public const string Name = "identity-host";
}
