using OrleansCompute.Hosting;

// One process: the Orleans silo and the Nova HTTP front. Defaults to http://127.0.0.1:8774 (Nova's port);
// ASP.NET's --urls or ASPNETCORE_URLS override it.
var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:8774");
}

builder.AddOrleansCompute();

var app = builder.Build();
app.MapOrleansCompute();
await app.RunAsync();

/// <summary>The entry point, visible to tests that host the real program.</summary>
public partial class Program;
