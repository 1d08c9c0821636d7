namespace OrleansCompute.Networking;

/// <summary>
/// A failure the network API shows as Neutron does: <c>{"NeutronError": {"type", "message", "detail"}}</c> with
/// the status. Thrown by the network grains and the API alike; serializable, so it crosses grain calls.
/// </summary>
[GenerateSerializer, Alias("compute.NeutronFaultException")]
public sealed class NeutronFaultException : Exception
{
    public NeutronFaultException()
    {
    }

    public NeutronFaultException(string message) : base(message)
    {
    }

    public NeutronFaultException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public NeutronFaultException(int statusCode, string type, string message) : base(message)
    {
        StatusCode = statusCode;
        Type = type;
    }

    [Id(0)] public int StatusCode { get; init; } = 500;

    /// <summary>Neutron's exception class name, which python-neutronclient maps to its own exceptions.</summary>
    [Id(1)] public string Type { get; init; } = "HTTPInternalServerError";

    public static NeutronFaultException NotFound(string type, string message) => new(404, type, message);

    public static NeutronFaultException BadRequest(string message, string type = "HTTPBadRequest") => new(400, type, message);

    public static NeutronFaultException InvalidInput(string detail) => new(400, "InvalidInput", $"Invalid input for operation: {detail}");

    public static NeutronFaultException Conflict(string type, string message) => new(409, type, message);

    public static NeutronFaultException Forbidden(string message) => new(403, "PolicyNotAuthorized", message);

    public static NeutronFaultException NetworkNotFound(string id) => NotFound("NetworkNotFound", $"Network {id} could not be found.");

    public static NeutronFaultException SubnetNotFound(string id) => NotFound("SubnetNotFound", $"Subnet {id} could not be found.");

    public static NeutronFaultException PortNotFound(string id) => NotFound("PortNotFound", $"Port {id} could not be found.");

    public static NeutronFaultException SecurityGroupNotFound(string id) => NotFound("SecurityGroupNotFound", $"Security group {id} does not exist");

    public static NeutronFaultException RuleNotFound(string id) => NotFound("SecurityGroupRuleNotFound", $"Security group rule {id} does not exist");

    public static NeutronFaultException FloatingIpNotFound(string id) => NotFound("FloatingIPNotFound", $"Floating IP {id} could not be found");
}
