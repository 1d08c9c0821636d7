using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrleansCompute.Faults;
using OrleansCompute.Networking;

namespace OrleansCompute.Api.Network;

/// <summary>
/// Turns the failures of a network route into Neutron's fault body: the network service's own faults as they
/// are, the shared plumbing's (body too large, wrong content type) with webob's type names.
/// </summary>
internal static class NeutronFaultFilter
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (NeutronFaultException fault)
        {
            return NeutronResponses.Fault(fault);
        }
        catch (ComputeFaultException fault) when (fault.StatusCode < 500)
        {
            return NeutronResponses.Fault(fault.StatusCode, TypeFor(fault.StatusCode), fault.Message);
        }
        catch (BadHttpRequestException bad)
        {
            return NeutronResponses.Fault(bad.StatusCode == 413 ? 413 : 400, TypeFor(bad.StatusCode == 413 ? 413 : 400), "Malformed request body");
        }
        catch (JsonException)
        {
            return NeutronResponses.Fault(400, "HTTPBadRequest", "Malformed request body");
        }
    }

    private static string TypeFor(int status) => status switch
    {
        400 => "HTTPBadRequest",
        403 => "PolicyNotAuthorized",
        404 => "HTTPNotFound",
        409 => "HTTPConflict",
        413 => "HTTPRequestEntityTooLarge",
        415 => "HTTPUnsupportedMediaType",
        _ => "HTTPClientError",
    };
}
