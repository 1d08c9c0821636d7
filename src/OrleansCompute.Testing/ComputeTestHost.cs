using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OrleansCompute.Driver;
using OrleansCompute.Events;
using OrleansCompute.Hosting;
using OrleansCompute.Testing.Clusters;
using OrleansCompute.Testing.Driver;
using OrleansCompute.Testing.Http;
using OrleansCompute.Testing.Inspection;

namespace OrleansCompute.Testing;

/// <summary>
/// A running Nova (OpenStack Compute) endpoint for a test, in one call:
/// <c>await using var compute = await ComputeTestHost.StartAsync(o => o.SoftDeleteReclaimAfter = TimeSpan.FromHours(1));</c>.
/// It is the real control plane (the public hosting API, the fake driver) with its state in memory, a clock the test
/// moves (<see cref="Time"/>), HTTP and driver fault injection (<see cref="Faults"/>, <see cref="DriverFaults"/>), and
/// what it saw (<see cref="Requests"/>, <see cref="Events"/>, <see cref="Servers"/>).
/// </summary>
public sealed class ComputeTestHost : IAsyncDisposable
{
    /// <summary>Where <see cref="ComputeTestHostOptions.EnableFaultAdminEndpoint"/> serves the fault rules.</summary>
    public const string FaultAdminPath = "/_compute-test/faults";

    /// <summary>The header that carries <see cref="FaultAdminToken"/>.</summary>
    public const string FaultAdminTokenHeader = FaultAdminEndpoints.TokenHeader;

    /// <summary>How far the waits of <see cref="Servers"/> move the fake clock between their tries.</summary>
    private static readonly TimeSpan WaitStep = TimeSpan.FromMilliseconds(250);

    private readonly WebApplication _app;
    private readonly DirectoryInfo _directory;
    private readonly ComputeTestHostOptions _options;

    private ComputeTestHost(WebApplication app, DirectoryInfo directory, ComputeTestHostOptions options, FakeTimeProvider time, HttpFaults faults, DriverFaults driverFaults, RequestLog requests, string faultAdminToken, string demoPassword)
    {
        _app = app;
        _directory = directory;
        _options = options;
        Time = time;
        Faults = faults;
        DriverFaults = driverFaults;
        Requests = requests;
        FaultAdminToken = faultAdminToken;
        DemoPassword = demoPassword;
        Grains = app.Services.GetRequiredService<IGrainFactory>();
        Events = new ComputeEventLog(app.Services.GetRequiredService<IComputeEvents>());
        Servers = new ComputeTestServers(Grains, () => Time.Advance(WaitStep));
        BaseAddress = options.Transport == ComputeTestTransport.Loopback ? ListeningAddress(app) : app.GetTestServer().BaseAddress;
    }

    /// <summary>
    /// The clock of the control plane and of its reminders. Move it (<c>Time.Advance(TimeSpan.FromHours(1))</c>) to
    /// pass a deadline: a soft-deleted server's reclaim, a shelved server's offload, a resize's auto-confirm.
    /// </summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The HTTP fault rules, applied to every request before the endpoint sees it.</summary>
    public HttpFaults Faults { get; }

    /// <summary>The driver fault rules: fail or delay an operation of a server.</summary>
    public DriverFaults DriverFaults { get; }

    /// <summary>The requests received.</summary>
    public RequestLog Requests { get; }

    /// <summary>The lifecycle events published since the start.</summary>
    public ComputeEventLog Events { get; }

    /// <summary>The servers as the control plane holds them, and waits for their status.</summary>
    public ComputeTestServers Servers { get; }

    /// <summary>The grains (the control plane's, and the product's in the same silo).</summary>
    public IGrainFactory Grains { get; }

    /// <summary>The endpoint's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Where the endpoint answers: <c>http://127.0.0.1:PORT/</c> on loopback, <c>http://localhost/</c> in memory.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The token the fault admin endpoint asks for (<see cref="FaultAdminTokenHeader"/>).</summary>
    public string FaultAdminToken { get; }

    /// <summary>With <see cref="ComputeTestAuth.Identity"/>: the password of the user <c>demo</c> (project demo); <c>admin</c> has the same.</summary>
    public string DemoPassword { get; }

    /// <summary>
    /// With <see cref="ComputeTestAuth.Identity"/> on <see cref="ComputeTestTransport.Loopback"/>: the <c>clouds.yaml</c>
    /// the endpoint wrote, with the clouds <c>orleanscompute-demo</c>, <c>orleanscompute-admin</c> and <c>orleanscompute-alt-demo</c>.
    /// </summary>
    public string CloudsYamlPath
    {
        get
        {
            RequireCliAccess();
            return Path.Combine(_directory.FullName, "clouds.yaml");
        }
    }

    /// <summary>The environment a client process needs to reach the endpoint as <c>demo</c> (<c>OS_CLIENT_CONFIG_FILE</c>, <c>OS_CLOUD</c>).</summary>
    public IReadOnlyDictionary<string, string> OpenStackEnvironment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["OS_CLIENT_CONFIG_FILE"] = CloudsYamlPath,
        ["OS_CLOUD"] = "orleanscompute-demo",
    };

    /// <summary>Starts an endpoint and waits until it answers.</summary>
    /// <param name="configure">The test's choices.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    public static async Task<ComputeTestHost> StartAsync(Action<ComputeTestHostOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new ComputeTestHostOptions();
        configure?.Invoke(options);
        var directory = Directory.CreateTempSubdirectory("orleans-compute-test-");
        var time = new FakeTimeProvider(options.StartTime);
        var faults = new HttpFaults();
        var driverFaults = new DriverFaults();
        var requests = new RequestLog();
        var faultAdminToken = Secret();
        var password = Secret();
        try
        {
            var app = Build(options, directory.FullName, time, faults, driverFaults, requests, faultAdminToken, password);
            await app.StartAsync(cancellationToken);
            var host = new ComputeTestHost(app, directory, options, time, faults, driverFaults, requests, faultAdminToken, password);
            if (options.Auth == ComputeTestAuth.Identity && options.Transport == ComputeTestTransport.Loopback)
            {
                // The identity bootstrap writes clouds.yaml once the host listens, just after the start returns.
                await Polling.UntilAsync(() => Task.FromResult(File.Exists(host.CloudsYamlPath)), written => written, TimeSpan.FromSeconds(30), null, _ => "clouds.yaml was not written", cancellationToken);
            }

            return host;
        }
        catch
        {
            directory.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>
    /// An <see cref="HttpClient"/> for the endpoint (in memory or on loopback, as started). With noauth it sends the
    /// token <c>user:project</c>; with identity it sends none (get one from <c>/identity/v3/auth/tokens</c>).
    /// </summary>
    /// <param name="user">The noauth user; <c>admin</c> is an admin.</param>
    /// <param name="project">The noauth project.</param>
    public HttpClient CreateClient(string user = "demo", string project = "demo")
    {
        var client = new HttpClient(CreateHandler()) { BaseAddress = BaseAddress };
        if (_options.Auth == ComputeTestAuth.NoAuth)
        {
            client.DefaultRequestHeaders.Add("X-Auth-Token", $"{user}:{project}");
        }

        return client;
    }

    /// <summary>The handler under <see cref="CreateClient"/>, for a client library that takes its own handler.</summary>
    public HttpMessageHandler CreateHandler() =>
        _options.Transport == ComputeTestTransport.InMemory ? _app.GetTestServer().CreateHandler() : new SocketsHttpHandler();

    /// <summary>Moves the fake clock (the same as <c>Time.Advance</c>).</summary>
    /// <param name="by">How far.</param>
    public void Advance(TimeSpan by) => Time.Advance(by);

    /// <summary>Stops the endpoint and deletes its data.</summary>
    public async ValueTask DisposeAsync()
    {
        await Events.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    private static WebApplication Build(ComputeTestHostOptions options, string directory, FakeTimeProvider time, HttpFaults faults, DriverFaults driverFaults, RequestLog requests, string faultAdminToken, string password)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory, EnvironmentName = "Development" });
        // The test's settings alone: nothing from the test process's environment or appsettings files.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(Settings(options, password));
        builder.Logging.ClearProviders();
        if (options.Transport == ComputeTestTransport.InMemory)
        {
            builder.WebHost.UseTestServer();
        }
        else
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        builder.AddOrleansCompute(compute =>
        {
            compute.UseEmbeddedStorage(directory).UseInMemoryState();
            compute.Hosting.SiloPort = FreePort();
            compute.Hosting.GatewayPort = FreePort();
            compute.DefaultQuotas = options.DefaultQuotas;
            foreach (var change in options.CatalogChanges)
            {
                compute.ConfigureCatalog(change);
            }

            compute.UseComputeDriver(services => new FaultInjectingComputeDriver(
                ActivatorUtilities.CreateInstance<FakeComputeDriver>(services), driverFaults, services.GetRequiredService<ComputeClock>()));
        });
        builder.UseOrleans(silo => TestClock.Apply(silo, time));

        var app = builder.Build();
        app.UseMiddleware<RequestRecordingMiddleware>(requests);
        app.UseMiddleware<HttpFaultMiddleware>(faults);
        if (options.EnableFaultAdminEndpoint)
        {
            FaultAdminEndpoints.Map(app, FaultAdminPath, faults, faultAdminToken);
        }

        app.MapOrleansCompute();
        app.MapComputeHealthChecks();
        return app;
    }

    private static Dictionary<string, string?> Settings(ComputeTestHostOptions options, string password)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Compute:Auth:Mode"] = options.Auth == ComputeTestAuth.Identity ? "identity" : "noauth",
            ["Compute:Identity:Users:admin:Password"] = password,
            ["Compute:Identity:Users:demo:Password"] = password,
        };
        foreach (var (key, value) in options.ToConfiguration())
        {
            settings[key] = value;
        }

        return settings;
    }

    private void RequireCliAccess()
    {
        if (_options.Auth != ComputeTestAuth.Identity || _options.Transport != ComputeTestTransport.Loopback)
        {
            throw new InvalidOperationException("clouds.yaml is written for clients in other processes: start with Auth = Identity and Transport = Loopback.");
        }
    }

    private static Uri ListeningAddress(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.TrimEnd('/') + "/");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
