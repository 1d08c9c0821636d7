using System.Text.Json.Nodes;
using OrleansCompute.WebConsole.Api;
using OrleansCompute.WebConsole.Components;

namespace OrleansCompute.WebConsole.Endpoints;

/// <summary>The flavors and images a form offers, as (value, label) pairs, read from the API with the user's token.</summary>
internal static class Choices
{
    public static async Task<IReadOnlyList<(string Id, string Label)>> FlavorsAsync(ComputeApiClient api, string token, CancellationToken cancellationToken)
    {
        var flavors = await api.GetAsync("/v2.1/flavors/detail", token, cancellationToken: cancellationToken);
        return (flavors.Body?["flavors"] as JsonArray ?? []).OfType<JsonNode>()
            .Select(f => (Json.Text(f, "id"), $"{Json.Text(f, "name")} ({Json.Text(f, "vcpus")} vCPU, {Json.Text(f, "ram")} MB)")).ToList();
    }

    public static async Task<IReadOnlyList<(string Id, string Label)>> ImagesAsync(ComputeApiClient api, string token, CancellationToken cancellationToken)
    {
        var images = await api.GetAsync("/image/v2/images", token, cancellationToken: cancellationToken);
        return (images.Body?["images"] as JsonArray ?? []).OfType<JsonNode>().Select(i => (Json.Text(i, "id"), Json.Text(i, "name"))).ToList();
    }
}
