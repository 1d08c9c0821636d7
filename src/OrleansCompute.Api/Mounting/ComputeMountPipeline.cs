using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OrleansCompute.Api.Mounting;

/// <summary>
/// The compute API's own request pipeline (request ids, faults, microversions, authentication), run around
/// each compute endpoint rather than as application-wide middleware: an application that mounts the API under
/// a prefix keeps its other endpoints untouched by it. Inside the pipeline the mount prefix moves from the
/// path to the path base, so the API sees the paths it was written for and builds links with the prefix.
/// </summary>
internal sealed class ComputeMountPipeline
{
    private readonly PathString _prefix;
    private readonly RequestDelegate _pipeline;

    public ComputeMountPipeline(IServiceProvider services, PathString prefix, ComputeEndpointOptions options)
    {
        _prefix = prefix;
        var app = new ApplicationBuilder(services);
        ComputeApiExtensions.UseComputePipeline(app, options);
        app.Run(context => context.Features.Get<MountedEndpoint>()!.Invoke(context));
        _pipeline = app.Build();
    }

    /// <summary>Wraps one endpoint's handler in the pipeline.</summary>
    public RequestDelegate Wrap(RequestDelegate endpoint) => context => InvokeAsync(context, endpoint);

    private async Task InvokeAsync(HttpContext context, RequestDelegate endpoint)
    {
        context.Features.Set(new MountedEndpoint(endpoint));
        var request = context.Request;
        var originalPath = request.Path;
        var originalBase = request.PathBase;
        if (_prefix.HasValue && originalPath.StartsWithSegments(_prefix, out var remaining))
        {
            request.PathBase = originalBase.Add(_prefix);
            request.Path = remaining;
        }

        try
        {
            await _pipeline(context);
        }
        finally
        {
            request.PathBase = originalBase;
            request.Path = originalPath;
        }
    }

    private sealed record MountedEndpoint(RequestDelegate Invoke);
}
