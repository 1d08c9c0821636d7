using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using OrleansCompute.Driver;
using OrleansCompute.Hosting;
using OrleansCompute.Servers;
using OrleansCompute.Telemetry;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Telemetry;

/// <summary>
/// A product that configures OpenTelemetry itself and adds the control plane's instrumentation: one create is one
/// trace from the HTTP server span through the grain calls down to storage; and a driver's log line written during
/// the build (grain side, after the response) carries the create's request id.
/// </summary>
public sealed partial class TraceTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly List<Activity> _spans = [];
    private readonly CapturingLoggerProvider _logs = new();
    private WebApplication _app = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder([
            $"--Compute:DataDirectory={_directory.Path}",
            $"--Compute:SiloPort={FreePort.Next()}",
            $"--Compute:GatewayPort={FreePort.Next()}",
            "--Compute:Auth:Mode=noauth",
            "--Compute:FakeDriver:SpawnSeconds=0.05",
            "--Compute:FakeDriver:DefaultSeconds=0.05",
        ]);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.AddProvider(_logs);
        builder.AddOrleansCompute(compute => compute.UseComputeDriver(sp =>
            new LoggingDriver(sp.GetRequiredService<ILogger<LoggingDriver>>())));
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing
            .AddOrleansComputeInstrumentation()
            .AddInMemoryExporter(_spans));
        _app = builder.Build();
        _app.MapOrleansCompute();
        await _app.StartAsync();
        _address = new Uri($"http://127.0.0.1:{port}");
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_create_is_one_trace_from_the_http_span_through_grain_calls_to_storage()
    {
        using var http = Client();
        // The trace is the test's own (a traceparent it made up): activity sources are process-wide, so the exporter
        // also sees the spans of other tests' hosts running beside this one, their creates among them.
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2.1/servers") { Content = JsonContent.Create(CreateBody("traced")) };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);

        var server = await Eventually.Until(
            () => Task.FromResult(Snapshot().FirstOrDefault(s => s.TraceId == traceId && s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server
                && s.GetTagItem("http.request.method") as string == "POST" && s.GetTagItem("http.route") is string route && route.EndsWith("/servers", StringComparison.Ordinal))),
            span => span is not null,
            because: "the HTTP server span of the create is exported, in the trace the request named");

        var trace = await Eventually.Until(
            () => Task.FromResult(Snapshot().Where(s => s.TraceId == traceId).ToList()),
            spans => spans.Any(s => s.Source.Name == ComputeTelemetry.StorageActivitySourceName && s.DisplayName == "UPSERT compute_servers")
                && spans.Any(s => s.Source.Name == "Microsoft.Orleans.Storage"),
            because: "the index write and the grain state write of the create belong to its trace");

        trace.Should().Contain(s => s.Source.Name.StartsWith("Microsoft.Orleans.", StringComparison.Ordinal) && s.DisplayName == "IServerGrain/CreateAsync",
            "the call into the server grain is a span of the same trace");
        var upsert = trace.First(s => s.DisplayName == "UPSERT compute_servers");
        upsert.Kind.Should().Be(ActivityKind.Client);
        upsert.GetTagItem("db.system.name").Should().Be("sqlite");
        upsert.GetTagItem("db.collection.name").Should().Be("compute_servers");
        trace.Where(s => s != server).Should().OnlyContain(s => s.ParentSpanId != default, "every span below the HTTP span has a parent in the trace");
    }

    [Fact]
    public async Task A_driver_log_line_written_during_the_build_carries_the_request_id_of_the_create()
    {
        using var http = Client();
        using var response = await http.PostAsJsonAsync("/v2.1/servers", CreateBody("logged"));
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var requestId = response.Headers.GetValues("x-openstack-request-id").Single();
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["server"]!["id"]!.GetValue<string>();

        var entry = await Eventually.Until(
            () => Task.FromResult(_logs.Entries.FirstOrDefault(e => e.Category.EndsWith(nameof(LoggingDriver), StringComparison.Ordinal) && e.Message.Contains(id, StringComparison.Ordinal))),
            found => found is not null,
            because: "the driver logs the spawn of the server");
        entry!.Scopes.Should().Contain(new KeyValuePair<string, object?>(RequestLogScope.RequestIdKey, requestId),
            "the grain call's scope (request id from Orleans' RequestContext) reaches the build it started");
    }

    private HttpClient Client()
    {
        var http = new HttpClient { BaseAddress = _address };
        http.DefaultRequestHeaders.Add("X-Auth-Token", "demo:demo");
        return http;
    }

    private static JsonObject CreateBody(string name) => new()
    {
        ["server"] = new JsonObject { ["name"] = name, ["imageRef"] = NovaClient.Image, ["flavorRef"] = "1" },
    };

    private List<Activity> Snapshot()
    {
        lock (_spans)
        {
            return [.. _spans];
        }
    }

    /// <summary>A product's driver that logs what it does, as real drivers do.</summary>
    private sealed partial class LoggingDriver(ILogger<LoggingDriver> logger) : IComputeDriver
    {
        public Task ExecuteAsync(DriverOperation operation, ServerSnapshot server, Action<int> reportProgress, CancellationToken cancellationToken)
        {
            LogOperation(logger, operation, server.Id);
            return Task.CompletedTask;
        }

        public Task<string> GetConsoleOutputAsync(ServerSnapshot server, CancellationToken cancellationToken) => Task.FromResult(string.Empty);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Operation} of server {ServerId}")]
        private static partial void LogOperation(ILogger logger, DriverOperation operation, Guid serverId);
    }
}
