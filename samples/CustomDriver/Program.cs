using CustomDriver;
using OrleansCompute.Hosting;

// The standard service with one change: servers are "built" by RecordingComputeDriver.
var builder = WebApplication.CreateBuilder(args);
builder.AddOrleansCompute(compute => compute.UseComputeDriver<RecordingComputeDriver>());

var app = builder.Build();
app.MapOrleansCompute();
await app.RunAsync();
