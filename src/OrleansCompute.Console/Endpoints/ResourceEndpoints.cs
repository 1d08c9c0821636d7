using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.WebConsole.Api;
using OrleansCompute.WebConsole.Components;
using OrleansCompute.WebConsole.Session;

namespace OrleansCompute.WebConsole.Endpoints;

/// <summary>The project's other resources: key pairs, server groups, limits and usage, images.</summary>
internal static class ResourceEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/keypairs", Page.Signed((c, u, a) => KeyPairsAsync(c, u, a, null, null)));
        group.MapPost("/keypairs", Page.Signed(CreateKeyPairAsync));
        group.MapPost("/keypairs/{name}/delete", Page.Signed(DeleteKeyPairAsync));
        group.MapGet("/server-groups", Page.Signed((c, u, a) => ServerGroupsAsync(c, u, a, null)));
        group.MapPost("/server-groups", Page.Signed(CreateServerGroupAsync));
        group.MapGet("/limits", Page.Signed(LimitsAsync));
        group.MapGet("/images", Page.Signed(ImagesAsync));
    }

    private static async Task<IResult> KeyPairsAsync(HttpContext context, ConsoleUser user, ComputeApiClient api, string? privateKey, string? error)
    {
        var response = await api.GetAsync("/v2.1/os-keypairs", user.Token, cancellationToken: context.RequestAborted);
        if (!response.Ok)
        {
            return Page.Refused(context, user, response);
        }

        var pairs = (response.Body?["keypairs"] as JsonArray ?? []).OfType<JsonNode>().Select(k => k["keypair"]!).ToList();
        return Page.Render<KeyPairsPage>(new
        {
            User = user, KeyPairs = pairs, PrivateKey = privateKey, Notice = Page.Query(context, "notice"), Error = error ?? Page.Query(context, "error"),
        }, error is null ? 200 : 400);
    }

    private static async Task<IResult> CreateKeyPairAsync(HttpContext context, ConsoleUser user, ComputeApiClient api)
    {
        var form = await Page.FormAsync(context);
        var pair = new JsonObject { ["name"] = form["name"].ToString().Trim() };
        if (form["public_key"].ToString().Trim() is { Length: > 0 } key)
        {
            pair["public_key"] = key;
        }

        // From 2.92 Nova only imports key pairs; generating one (no public key given) is asked at 2.91, its last version.
        var microversion = pair.ContainsKey("public_key") ? "latest" : "2.91";
        var response = await api.PostAsync("/v2.1/os-keypairs", user.Token, new JsonObject { ["keypair"] = pair }, microversion, context.RequestAborted);
        return response.Ok
            ? await KeyPairsAsync(context, user, api, Json.Text(response.Body?["keypair"], "private_key") is { Length: > 0 } p ? p : null, null)
            : await KeyPairsAsync(context, user, api, null, response.Fault);
    }

    private static async Task<IResult> DeleteKeyPairAsync(HttpContext context, ConsoleUser user, ComputeApiClient api)
    {
        var name = context.Request.RouteValues["name"]?.ToString() ?? "";
        var response = await api.DeleteAsync("/v2.1/os-keypairs/" + Uri.EscapeDataString(name), user.Token, context.RequestAborted);
        return response.Ok ? Page.Back("/console/keypairs", notice: $"Deleted key pair {name}.") : Page.Back("/console/keypairs", error: response.Fault);
    }

    private static async Task<IResult> ServerGroupsAsync(HttpContext context, ConsoleUser user, ComputeApiClient api, string? error)
    {
        var response = await api.GetAsync("/v2.1/os-server-groups", user.Token, cancellationToken: context.RequestAborted);
        if (!response.Ok)
        {
            return Page.Refused(context, user, response);
        }

        var groups = (response.Body?["server_groups"] as JsonArray ?? []).OfType<JsonNode>().ToList();
        return Page.Render<ServerGroupsPage>(new { User = user, Groups = groups, Error = error }, error is null ? 200 : 400);
    }

    private static async Task<IResult> CreateServerGroupAsync(HttpContext context, ConsoleUser user, ComputeApiClient api)
    {
        var form = await Page.FormAsync(context);
        var body = new JsonObject { ["server_group"] = new JsonObject { ["name"] = form["name"].ToString().Trim(), ["policy"] = form["policy"].ToString() } };
        var response = await api.PostAsync("/v2.1/os-server-groups", user.Token, body, cancellationToken: context.RequestAborted);
        return response.Ok ? Results.Redirect("/console/server-groups") : await ServerGroupsAsync(context, user, api, response.Fault);
    }

    private static readonly (string Label, string Used, string Max)[] LimitKeys =
    [
        ("Instances", "totalInstancesUsed", "maxTotalInstances"), ("vCPUs", "totalCoresUsed", "maxTotalCores"),
        ("RAM (MB)", "totalRAMUsed", "maxTotalRAMSize"), ("Server groups", "totalServerGroupsUsed", "maxServerGroups"),
        ("Key pairs", "totalKeyPairsUsed", "maxTotalKeypairs"),
    ];

    private static async Task<IResult> LimitsAsync(HttpContext context, ConsoleUser user, ComputeApiClient api)
    {
        var response = await api.GetAsync("/v2.1/limits", user.Token, cancellationToken: context.RequestAborted);
        if (!response.Ok)
        {
            return Page.Refused(context, user, response);
        }

        var absolute = response.Body?["limits"]?["absolute"];
        long Number(string key) => long.TryParse(absolute?[key]?.ToString(), out var n) ? n : 0;
        var bars = LimitKeys.Where(k => absolute?[k.Max] is not null).Select(k => (k.Label, Number(k.Used), Number(k.Max))).ToList();
        return Page.Render<LimitsPage>(new { User = user, Bars = bars });
    }

    private static async Task<IResult> ImagesAsync(HttpContext context, ConsoleUser user, ComputeApiClient api)
    {
        var response = await api.GetAsync("/image/v2/images", user.Token, cancellationToken: context.RequestAborted);
        if (!response.Ok)
        {
            return Page.Refused(context, user, response);
        }

        return Page.Render<ImagesPage>(new { User = user, Images = (response.Body?["images"] as JsonArray ?? []).OfType<JsonNode>().ToList() });
    }
}
