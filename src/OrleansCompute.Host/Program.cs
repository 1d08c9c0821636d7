using OrleansCompute.Hosting;

// One process: the Orleans silo and the Nova HTTP front (with --Compute:Role=front, the front alone). Defaults to
// http://127.0.0.1:8774 (Nova's port); ASP.NET's --urls or ASPNETCORE_URLS override it. "init-db" as the first argument creates or updates the
// database schema with the same configuration, and exits. Relative paths (the data directory, ./data by default) are
// the current directory's; appsettings.json is read beside the executable, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = ComputeDatabaseCommand.IsRequested(args) ? args[1..] : args,
    ContentRootPath = AppContext.BaseDirectory,
});
if (ComputeDatabaseCommand.IsRequested(args))
{
    return await ComputeDatabaseCommand.RunAsync(builder.Configuration, Console.Out);
}

if (!EmbeddedDatabaseStartupCheck.Passes(builder.Configuration, Console.Error)) return EmbeddedDatabaseStartupCheck.RefusedExitCode;

// --Compute:ConfigFile=<path>: one more JSON settings file (a mounted /etc file, say), watched like appsettings.json:
// editing its Compute:Catalog:Hosts adds or removes compute hosts while the process runs. Its settings win.
if (builder.Configuration["Compute:ConfigFile"] is { Length: > 0 } configFile)
{
    builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: true);
}

if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:8774");
}

if (ComputeRoles.IsFront(builder.Configuration))
{
    // --Compute:Role=front: the HTTP tier alone, reaching the silos through their gateways.
    builder.AddOrleansComputeClient();
}
else
{
    builder.AddOrleansCompute();
}

// The scrape endpoint of --Compute:Telemetry:Prometheus=true (an optional package: nothing when off).
builder.AddOrleansComputePrometheus();

var app = builder.Build();
app.MapOrleansCompute();
// The orchestrator's probes (/healthz/live, /healthz/ready), outside the Nova API.
app.MapComputeHealthChecks();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to tests that host the real program.</summary>
public partial class Program;
