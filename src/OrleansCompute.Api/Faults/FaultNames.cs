namespace OrleansCompute.Api.Faults;

/// <summary>Nova's fault body key for each HTTP status (<c>nova/api/openstack/wsgi.py</c>).</summary>
internal static class FaultNames
{
    public static string For(int statusCode) => statusCode switch
    {
        400 => "badRequest",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "itemNotFound",
        405 => "badMethod",
        409 => "conflictingRequest",
        413 => "overLimit",
        415 => "badMediaType",
        429 => "overLimit",
        501 => "notImplemented",
        503 => "serviceUnavailable",
        _ => "computeFault",
    };
}
