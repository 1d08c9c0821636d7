namespace OrleansCompute.Api.Identity;

/// <summary>A Keystone error: written as <c>{"error": {"code", "message", "title"}}</c> by the identity routes.</summary>
internal sealed class IdentityFaultException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string Title => StatusCode switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        413 => "Request Entity Too Large",
        _ => "Error",
    };

    public static IdentityFaultException Unauthorized() => new(401, "The request you have made requires authentication.");

    public static IdentityFaultException BadRequest(string message) => new(400, message);
}
