using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Orleans.Dashboard;
using OrleansCompute.Persistence.Postgres;
using OrleansCompute.Persistence.Sqlite;
using OrleansCompute.Persistence.Telemetry;
using OrleansCompute.Telemetry;

namespace OrleansCompute.Hosting.Telemetry;

/// <summary>
/// Wires the operational surface into a silo or client-tier process: trace propagation through grain calls, the
/// request id in grain-side logs, the <c>compute.servers</c> gauge, OpenTelemetry export when configured (OTLP by
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, Prometheus by <c>Compute:Telemetry:Prometheus</c>) and the Orleans Dashboard
/// when <c>Compute:Dashboard:Enabled</c>. With nothing configured no OpenTelemetry provider is built: the instruments
/// then have no listener and cost a flag check.
/// </summary>
internal static class ComputeTelemetryHosting
{
    /// <summary>The standard OpenTelemetry setting that switches OTLP export on.</summary>
    private const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The standard OpenTelemetry setting that names the service; ours applies only without it.</summary>
    private const string ServiceNameKey = "OTEL_SERVICE_NAME";

    private const string DefaultServiceName = "orleans-compute";

    /// <summary>For a silo (<c>AddOrleansCompute</c>).</summary>
    public static void AddToSilo(IHostApplicationBuilder builder)
    {
        var dashboard = AddCommon(builder);
        builder.UseOrleans(silo =>
        {
            silo.AddActivityPropagation();
            silo.AddIncomingGrainCallFilter<RequestLogScopeGrainCallFilter>();
            if (dashboard.Enabled)
            {
                silo.AddDashboard();
            }
        });
    }

    /// <summary>For the HTTP tier apart from the silos (<c>AddOrleansComputeClient</c>).</summary>
    public static void AddToClient(IHostApplicationBuilder builder)
    {
        var dashboard = AddCommon(builder);
        builder.UseOrleansClient(client =>
        {
            client.AddActivityPropagation();
            if (dashboard.Enabled)
            {
                client.AddDashboard();
            }
        });
    }

    /// <summary>Maps the Prometheus scrape endpoint and the dashboard, where enabled (<c>MapOrleansCompute</c>).</summary>
    public static void MapEndpoints(IEndpointRouteBuilder routes)
    {
        var telemetry = routes.ServiceProvider.GetRequiredService<IOptions<ComputeTelemetryOptions>>().Value;
        if (telemetry.Prometheus)
        {
            var scrape = routes.ServiceProvider.GetService<IComputeScrapeEndpoint>() ?? throw new InvalidOperationException(
                "Compute:Telemetry:Prometheus is on, but the Prometheus exporter is a separate package: add OrleansCompute.Hosting.Prometheus "
                + "and call builder.AddOrleansComputePrometheus() after AddOrleansCompute.");
            scrape.Map(routes, telemetry.PrometheusPath);
        }

        var dashboard = routes.ServiceProvider.GetRequiredService<IOptions<ComputeDashboardOptions>>().Value;
        if (dashboard.Enabled)
        {
            routes.MapOrleansDashboard(routePrefix: dashboard.Path);
        }
    }

    private static ComputeDashboardOptions AddCommon(IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        services.AddOptions<ComputeTelemetryOptions>().BindConfiguration(ComputeTelemetryOptions.SectionName)
            .Validate(o => o.PrometheusPath.StartsWith('/'), "Compute:Telemetry:PrometheusPath must start with '/'.")
            .Validate(o => o.ServerCountSeconds >= 1, "Compute:Telemetry:ServerCountSeconds must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<ComputeDashboardOptions>().BindConfiguration(ComputeDashboardOptions.SectionName)
            .Validate(o => o.Path.StartsWith('/'), "Compute:Dashboard:Path must start with '/'.")
            .ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton(sp => new ServerCountGauge(
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            CensusOf(sp),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<IOptions<ComputeTelemetryOptions>>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ServerCountGauge>>()));
        services.AddHostedService<ServerCountGaugeService>();

        // Read before the container exists: whether exporters and the dashboard are added at all is a registration.
        var telemetry = configuration.GetSection(ComputeTelemetryOptions.SectionName).Get<ComputeTelemetryOptions>() ?? new ComputeTelemetryOptions();
        AddOpenTelemetry(builder, telemetry);
        return configuration.GetSection(ComputeDashboardOptions.SectionName).Get<ComputeDashboardOptions>() ?? new ComputeDashboardOptions();
    }

    /// <summary>The index this process reads: embedded mode's SQLite or cluster mode's PostgreSQL (none: no gauge values).</summary>
    private static ServerStatusCensus? CensusOf(IServiceProvider services) =>
        services.GetService<SqliteComputeDatabase>() is { } sqlite ? ServerStatusCensus.For(sqlite)
        : services.GetService<PostgresComputeDatabase>() is { } postgres ? ServerStatusCensus.For(postgres)
        : null;

    private static void AddOpenTelemetry(IHostApplicationBuilder builder, ComputeTelemetryOptions telemetry)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]);
        if (!otlp && !telemetry.Prometheus)
        {
            return;
        }

        var openTelemetry = builder.Services.AddOpenTelemetry();
        if (string.IsNullOrWhiteSpace(builder.Configuration[ServiceNameKey]))
        {
            openTelemetry.ConfigureResource(resource => resource.AddService(DefaultServiceName));
        }

        // The Prometheus exporter itself is added by OrleansCompute.Hosting.Prometheus (IComputeScrapeEndpoint).
        openTelemetry.WithMetrics(metrics => metrics.AddOrleansComputeInstrumentation());

        if (otlp)
        {
            // Scrapes and probes are not requests worth a trace.
            builder.Services.Configure<AspNetCoreTraceInstrumentationOptions>(o => o.Filter = context => !IsOperational(context, telemetry));
            openTelemetry.WithTracing(tracing => tracing.AddOrleansComputeInstrumentation());
            openTelemetry.UseOtlpExporter();
        }
    }

    private static bool IsOperational(HttpContext context, ComputeTelemetryOptions telemetry) =>
        context.Request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase)
        || (telemetry.Prometheus && context.Request.Path.StartsWithSegments(telemetry.PrometheusPath, StringComparison.OrdinalIgnoreCase));
}
