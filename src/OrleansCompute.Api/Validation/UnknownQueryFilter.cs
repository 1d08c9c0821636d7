using Microsoft.AspNetCore.Http;

namespace OrleansCompute.Api.Validation;

/// <summary>The compute routes' query check (<see cref="QueryParameterRules"/>), before the route's own policy and body checks, as Nova's schema decorators run first.</summary>
internal sealed class UnknownQueryFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        QueryParameterRules.Ensure(context.HttpContext);
        return next(context);
    }
}
