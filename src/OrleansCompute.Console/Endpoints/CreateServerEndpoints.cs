using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.WebConsole.Api;
using OrleansCompute.WebConsole.Components;
using OrleansCompute.WebConsole.Session;

namespace OrleansCompute.WebConsole.Endpoints;

/// <summary>
/// The create form: the choices come from the API (flavors, images, key pairs), the body is Nova's
/// <c>POST /servers</c>, and Nova's own validation message comes back at the field it is about.
/// </summary>
internal static class CreateServerEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/servers/new", Page.Signed((context, user, api) => RenderAsync(context, user, api, new CreateForm(), 200)));
        group.MapPost("/servers/new", Page.Signed(CreateAsync));
    }

    private static async Task<IResult> RenderAsync(HttpContext context, ConsoleUser user, ComputeApiClient api, CreateForm form, int status)
    {
        var flavorChoices = await Choices.FlavorsAsync(api, user.Token, context.RequestAborted);
        var imageChoices = await Choices.ImagesAsync(api, user.Token, context.RequestAborted);
        var keypairs = await api.GetAsync("/v2.1/os-keypairs", user.Token, cancellationToken: context.RequestAborted);
        var keyNames = (keypairs.Body?["keypairs"] as JsonArray ?? []).OfType<JsonNode>()
            .Select(k => Json.Text(k["keypair"], "name")).ToList();
        return Page.Render<CreateServerPage>(new { User = user, Form = form, Flavors = flavorChoices, Images = imageChoices, KeyPairs = keyNames }, status);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ConsoleUser user, ComputeApiClient api)
    {
        var f = await Page.FormAsync(context);
        var form = new CreateForm
        {
            Name = f["name"].ToString(), Flavor = f["flavor"].ToString(), Image = f["image"].ToString(),
            Network = f["network"].ToString().Trim(), KeyName = f["key_name"].ToString(), SecurityGroups = f["security_groups"].ToString(),
            Count = f["count"].ToString().Trim(), UserData = f["user_data"].ToString(), Metadata = f["metadata"].ToString(),
        };
        var (body, error) = Build(form);
        if (error is not null)
        {
            return await RenderAsync(context, user, api, form with { Errors = error }, 400);
        }

        var response = await api.PostAsync("/v2.1/servers", user.Token, body, cancellationToken: context.RequestAborted);
        if (response.Status == System.Net.HttpStatusCode.Unauthorized)
        {
            return Page.SignInFirst(context);
        }

        if (!response.Ok)
        {
            var errors = new Dictionary<string, string> { [CreateFieldOfFault.For(response.Fault)] = response.Fault ?? "Refused." };
            return await RenderAsync(context, user, api, form with { Errors = errors }, (int)response.Status);
        }

        return Page.Back("/console/servers", notice: $"Creating {form.Name}.");
    }

    /// <summary>Nova's create body from the form; the form's own errors (count and metadata lines the console parses).</summary>
    private static (JsonObject? Body, Dictionary<string, string>? Errors) Build(CreateForm form)
    {
        var errors = new Dictionary<string, string>();
        var server = new JsonObject { ["name"] = form.Name, ["flavorRef"] = form.Flavor, ["imageRef"] = form.Image };
        server["networks"] = form.Network switch
        {
            "" or "auto" => "auto",
            "none" => "none",
            var id => new JsonArray(new JsonObject { ["uuid"] = id }),
        };
        if (form.KeyName.Length > 0)
        {
            server["key_name"] = form.KeyName;
        }

        var groups = form.SecurityGroups.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (groups.Length > 0)
        {
            server["security_groups"] = new JsonArray(groups.Select(g => (JsonNode)new JsonObject { ["name"] = g }).ToArray());
        }

        if (!int.TryParse(form.Count, System.Globalization.CultureInfo.InvariantCulture, out var count))
        {
            errors["count"] = "Count must be a whole number.";
        }
        else if (count != 1)
        {
            // Nova validates the numbers (min_count must be at least 1, quota for the count).
            server["min_count"] = count;
            server["max_count"] = count;
        }

        var metadata = new JsonObject();
        foreach (var line in form.Metadata.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                errors["metadata"] = $"'{line}' is not key=value.";
                continue;
            }

            metadata[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }

        if (metadata.Count > 0)
        {
            server["metadata"] = metadata;
        }

        if (form.UserData.Length > 0)
        {
            server["user_data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(form.UserData));
        }

        return errors.Count > 0 ? (null, errors) : (new JsonObject { ["server"] = server }, null);
    }
}
