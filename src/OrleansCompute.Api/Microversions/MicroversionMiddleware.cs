using Microsoft.AspNetCore.Http;
using OrleansCompute.Api.Faults;

namespace OrleansCompute.Api.Microversions;

/// <summary>
/// Negotiates the microversion of every compute API request: 400 for a malformed version, 406 for one out of
/// range, and the version headers (with <c>Vary</c>) on every response, errors included.
/// </summary>
internal sealed class MicroversionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!ComputePaths.IsVersionedApi(context.Request.Path))
        {
            await next(context);
            return;
        }

        if (ComputePaths.IsLegacyApi(context.Request.Path))
        {
            // Nova's legacy v2 wrapper drops the version headers both ways: the request is the lowest version.
            context.Features.Set(new MicroversionFeature(ApiVersion.Minimum));
            await next(context);
            return;
        }

        var requested = MicroversionHeaders.RequestedVersion(context.Request.Headers);
        ApiVersion version;
        if (requested is null)
        {
            version = ApiVersion.Minimum;
        }
        else if (requested == "latest")
        {
            version = ApiVersion.Maximum;
        }
        else if (!ApiVersion.TryParse(requested, out version))
        {
            await FaultWriter.WriteAsync(context, 400, $"API Version String {requested} is of invalid format. Must be of format MajorNum.MinorNum.");
            return;
        }

        context.Features.Set(new MicroversionFeature(version));
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers[MicroversionHeaders.Standard] = "compute " + version;
            headers[MicroversionHeaders.Legacy] = version.ToString();
            headers.Append("Vary", MicroversionHeaders.Standard);
            headers.Append("Vary", MicroversionHeaders.Legacy);
            return Task.CompletedTask;
        });

        if (version < ApiVersion.Minimum || version > ApiVersion.Maximum)
        {
            await FaultWriter.WriteAsync(context, 406, $"Version {version} is not supported by the API. Minimum is {ApiVersion.Minimum} and maximum is {ApiVersion.Maximum}.");
            return;
        }

        await next(context);
    }
}
