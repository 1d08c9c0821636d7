using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OrleansCompute.Testing.Http;

/// <summary>
/// The fault rules over HTTP, for clients that are not .NET code (a Python or Go test suite): GET lists the rules,
/// POST adds one (a JSON <see cref="HttpFaultRule"/>, such as <c>{"method":"GET","path":"/v2.1/servers","status":503,"times":1}</c>),
/// DELETE clears them and DELETE <c>/{id}</c> removes one. Only callers that send the host's admin token in
/// <see cref="TokenHeader"/> are served; mapped only with <see cref="ComputeTestHostOptions.EnableFaultAdminEndpoint"/>.
/// </summary>
internal static class FaultAdminEndpoints
{
    public const string TokenHeader = "X-Fault-Admin-Token";

    public static void Map(IEndpointRouteBuilder routes, string path, HttpFaults faults, string token)
    {
        var group = routes.MapGroup(path).AddEndpointFilter(async (context, next) =>
            string.Equals(context.HttpContext.Request.Headers[TokenHeader], token, StringComparison.Ordinal)
                ? await next(context)
                : Results.Json(new { forbidden = new { code = 403, message = $"The fault rules need the header {TokenHeader}." } }, statusCode: 403));
        group.MapGet("/", () => Results.Ok(faults.Rules.Select(View)));
        group.MapPost("/", (HttpFaultRule rule) =>
        {
            try
            {
                var fault = faults.Add(rule);
                return Results.Created($"{path}/{fault.Id}", View(fault));
            }
            catch (ArgumentException exception)
            {
                return Results.Json(new { badRequest = new { code = 400, message = exception.Message } }, statusCode: 400);
            }
        });
        group.MapDelete("/", () =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        group.MapDelete("/{id:int}", (int id) => faults.Remove(id)
            ? Results.NoContent()
            : Results.Json(new { itemNotFound = new { code = 404, message = $"Fault rule {id} could not be found." } }, statusCode: 404));
    }

    private static object View(HttpFault fault) => new { id = fault.Id, applied = fault.Applied, rule = fault.Rule };
}
