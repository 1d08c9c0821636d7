using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace OrleansCompute.Api.Identity;

/// <summary>
/// Keystone's <c>/v3/projects</c> list (admin; <c>?name=</c>) and show (admin, or a token scoped to that project),
/// which clients use to turn a project name into its id (<c>openstack flavor set --project demo</c>).
/// </summary>
internal static class IdentityProjectEndpoints
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGet("/projects", List);
        v3.MapGet("/projects/{id}", Show);
    }

    /// <summary>One project as Keystone writes it.</summary>
    public static void WriteProject(Utf8JsonWriter w, IdentityProject project, string baseUrl)
    {
        w.WriteStartObject();
        w.WriteString("id", project.Id);
        w.WriteString("name", project.Name);
        w.WriteString("domain_id", IdentityDomain.Id);
        w.WriteString("description", "");
        w.WriteBoolean("enabled", true);
        w.WriteBoolean("is_domain", false);
        w.WriteString("parent_id", IdentityDomain.Id);
        w.WriteStartArray("tags");
        w.WriteEndArray();
        WriteSelf(w, $"{baseUrl}{IdentityPaths.IdentityV3}/projects/{project.Id}");
        w.WriteEndObject();
    }

    private static JsonResponse List(HttpContext context, TokenService tokens, IdentityDirectory directory, IOptions<IdentityOptions> options)
    {
        var caller = Authenticated(context, tokens);
        if (!IsAdmin(caller))
        {
            throw new IdentityFaultException(403, "You are not authorized to perform the requested action: identity:list_projects.");
        }

        var name = context.Request.Query.TryGetValue("name", out var names) ? names[^1] : null;
        var projects = directory.Projects.Where(p => name is null || p.Name == name).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var baseUrl = IdentityPaths.BaseUrl(context, options);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("projects");
            foreach (var project in projects)
            {
                WriteProject(w, project, baseUrl);
            }

            w.WriteEndArray();
            WriteSelf(w, $"{baseUrl}{IdentityPaths.IdentityV3}/projects");
            w.WriteEndObject();
        });
    }

    private static JsonResponse Show(HttpContext context, string id, TokenService tokens, IdentityDirectory directory, IOptions<IdentityOptions> options)
    {
        var caller = Authenticated(context, tokens);
        if (!IsAdmin(caller) && caller.Project?.Id != id)
        {
            throw new IdentityFaultException(403, "You are not authorized to perform the requested action: identity:get_project.");
        }

        var project = directory.FindProject(id, name: null) ?? throw new IdentityFaultException(404, $"Could not find project: {id}.");
        var baseUrl = IdentityPaths.BaseUrl(context, options);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("project");
            WriteProject(w, project, baseUrl);
            w.WriteEndObject();
        });
    }

    private static ValidatedToken Authenticated(HttpContext context, TokenService tokens) =>
        tokens.Validate(context.Request.Headers["X-Auth-Token"].ToString()) ?? throw IdentityFaultException.Unauthorized();

    private static bool IsAdmin(ValidatedToken caller) => caller.Roles.Any(r => r.Name == "admin");

    private static void WriteSelf(Utf8JsonWriter w, string self)
    {
        w.WriteStartObject("links");
        w.WriteString("self", self);
        w.WriteNull("previous");
        w.WriteNull("next");
        w.WriteEndObject();
    }
}
