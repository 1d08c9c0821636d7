using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using OrleansCompute.Api.Microversions;

namespace OrleansCompute.Api.OpenApi;

/// <summary>
/// The OpenAPI document of the compute routes (Microsoft.AspNetCore.OpenApi), served at
/// <c>{prefix}/openapi/compute.json</c>. It lists the implemented routes and notes the microversions: the range in
/// the document's description, and the version header on every operation.
/// </summary>
internal static class ComputeOpenApi
{
    public const string DocumentName = "compute";

    public static void AddServices(IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.ActionDescriptor.EndpointMetadata.OfType<ComputeEndpointMarker>().Any();
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "OrleansCompute: OpenStack Compute (Nova) API",
                    Version = "2.1",
                    Description =
                        $"The Nova routes this service implements. Microversions {ApiVersion.Minimum} to {ApiVersion.Maximum}: " +
                        "ask for one with the header `OpenStack-API-Version: compute X.Y` (or `latest`); without it a request is " +
                        $"served at {ApiVersion.Minimum}. Responses name the version served in the same header. " +
                        "Bodies are Nova's; see the Nova API reference for the fields each microversion adds.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = MicroversionHeaders.Standard,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = $"compute X.Y, from {ApiVersion.Minimum} to {ApiVersion.Maximum}, or latest.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
                return Task.CompletedTask;
            });
        });

    public static void Map(IEndpointRouteBuilder routes, PathString prefix) =>
        routes.MapOpenApi(prefix.Add("/openapi/{documentName}.json").Value!);
}
