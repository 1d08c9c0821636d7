using System.Security.Claims;
using EmbeddedHost;
using OrleansCompute.Api;
using OrleansCompute.Hosting;

// A product of its own: its endpoints, its grain, its authentication, and the compute control plane in the same
// silo, its Nova API under /compute. Only the public calls AddOrleansCompute and MapOrleansCompute are used.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication(ProductAuthenticationHandler.SchemeName)
    .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ProductAuthenticationHandler>(ProductAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorization();

// The silo: the control plane's grains and the product's own (VisitCounterGrain is found in this assembly).
builder.AddOrleansCompute(compute => compute
    .UseEmbeddedStorage(builder.Configuration["Compute:DataDirectory"] ?? "./data")
    .ConfigureCatalog(catalog => catalog.Flavors.Add(new OrleansCompute.Catalog.FlavorDefinition
    {
        Id = "product.small",
        Name = "product.small",
        Vcpus = 1,
        RamMb = 512,
        DiskGb = 1,
    })));

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

// The product's own endpoints.
app.MapGet("/", () => Results.Text("EmbeddedHost: a product with a compute API under /compute\n"));
app.MapGet("/visits", async (ClaimsPrincipal user, IGrainFactory grains) =>
    Results.Ok(new { visits = await grains.GetGrain<IVisitCounterGrain>(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous").VisitAsync() }))
    .RequireAuthorization();

// The compute API, authenticated by the product: its claims name the project, user and roles.
app.MapOrleansCompute("/compute", compute => compute.ResolveCaller = context =>
{
    var user = context.User;
    if (user.Identity?.IsAuthenticated != true)
    {
        return ValueTask.FromResult<ComputeCaller?>(null);
    }

    var roles = user.FindAll(ClaimTypes.Role).Select(role => role.Value).ToArray();
    return ValueTask.FromResult<ComputeCaller?>(new ComputeCaller(
        user.FindFirstValue(ProductAuthenticationHandler.ProjectClaim)!,
        user.FindFirstValue(ClaimTypes.NameIdentifier)!,
        roles));
});

await app.RunAsync();
