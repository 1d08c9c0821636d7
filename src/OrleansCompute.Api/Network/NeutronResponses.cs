using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OrleansCompute.Networking;

namespace OrleansCompute.Api.Network;

/// <summary>Neutron's bodies: JSON objects, and faults as <c>{"NeutronError": {"type", "message", "detail"}}</c>.</summary>
internal static class NeutronResponses
{
    public static IResult Json(int status, JsonObject body) => Results.Text(body.ToJsonString(), "application/json", statusCode: status);

    public static IResult One(int status, string key, JsonObject item) => Json(status, new JsonObject { [key] = item });

    public static IResult NoContent() => Results.StatusCode(204);

    public static IResult Fault(int status, string type, string message) => Json(status, new JsonObject
    {
        ["NeutronError"] = new JsonObject { ["type"] = type, ["message"] = message, ["detail"] = "" },
    });

    public static IResult Fault(NeutronFaultException fault) => Fault(fault.StatusCode, fault.Type, fault.Message);

    public static IResult NotFound() => Fault(404, "HTTPNotFound", "The resource could not be found.");
}
