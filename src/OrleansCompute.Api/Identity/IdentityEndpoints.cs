using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace OrleansCompute.Api.Identity;

/// <summary>
/// The Keystone v3 subset real clients need: version discovery, password and token authentication with
/// project scope, token validation (GET and HEAD), the catalog and the caller's projects.
/// </summary>
internal static class IdentityEndpoints
{
    private const string VersionId = "v3.14";
    private const string VersionUpdated = "2020-04-07T00:00:00Z";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(IdentityPaths.Identity, Versions);
        var v3 = routes.MapGroup(IdentityPaths.IdentityV3);
        v3.AddEndpointFilter(async (invocation, next) =>
        {
            try
            {
                return await next(invocation);
            }
            catch (IdentityFaultException fault)
            {
                return Error(fault);
            }
        });
        v3.MapGet("/", Version);
        v3.MapPost("/auth/tokens", IssueAsync);
        v3.MapGet("/auth/tokens", Validate);
        v3.MapMethods("/auth/tokens", [HttpMethods.Head], Check);
        v3.MapGet("/auth/catalog", Catalog);
        v3.MapGet("/auth/projects", Projects);
        IdentityProjectEndpoints.Map(v3);
    }

    /// <summary>Keystone answers its root with 300 Multiple Choices and the list of versions.</summary>
    private static JsonResponse Versions(HttpContext context, IOptions<IdentityOptions> options)
    {
        var baseUrl = IdentityPaths.BaseUrl(context, options);
        return new JsonResponse(300, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("versions");
            w.WriteStartArray("values");
            WriteVersion(w, baseUrl);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static JsonResponse Version(HttpContext context, IOptions<IdentityOptions> options)
    {
        var baseUrl = IdentityPaths.BaseUrl(context, options);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("version");
            WriteVersion(w, baseUrl);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> IssueAsync(HttpContext context, IdentityDirectory directory, TokenService tokens, IOptions<IdentityOptions> options, IOptions<ComputeApiOptions> api)
    {
        AuthRequest request;
        var bytes = await BoundedBody.ReadAsync(context.Request, api.Value.MaxRequestBodyBytes, context.RequestAborted)
            ?? throw new IdentityFaultException(413, "Request is too large.");
        // Invalid UTF-8 and lone surrogate escapes are refused with the rest of malformed JSON, in Keystone's words.
        using (var body = WellFormedJson.TryParse(bytes) ?? throw IdentityFaultException.BadRequest("Expecting to find valid JSON in request body."))
        {
            request = AuthRequestParser.Parse(body.RootElement);
        }

        ValidatedToken? from = null;
        IdentityUser user;
        if (request.Token is not null)
        {
            from = tokens.Validate(request.Token) ?? throw new IdentityFaultException(404, $"Could not find token: {request.Token}.");
            user = from.User;
        }
        else
        {
            user = directory.FindUser(request.UserId, request.UserName) ?? throw IdentityFaultException.Unauthorized();
            if (!user.Enabled || !PasswordMatches(user.Password, request.Password!))
            {
                throw IdentityFaultException.Unauthorized();
            }
        }

        IdentityProject? project = null;
        if (!request.Unscoped)
        {
            project = request.ProjectId is null && request.ProjectName is null
                ? user.Project
                : directory.FindProject(request.ProjectId, request.ProjectName);
            if (project is null || project.Id != user.Project.Id)
            {
                // Keystone does not say whether the project exists when the user has no role on it.
                throw IdentityFaultException.Unauthorized();
            }
        }

        var issued = tokens.Issue(user, project, request.Methods, from);
        context.Response.Headers["X-Subject-Token"] = issued.Token;
        var catalogBase = context.Request.Query.ContainsKey("nocatalog") ? null : IdentityPaths.BaseUrl(context, options);
        return new JsonResponse(201, w => TokenView.Write(w, issued, catalogBase, options.Value.Region));
    }

    private static JsonResponse Validate(HttpContext context, TokenService tokens, IOptions<IdentityOptions> options)
    {
        var subject = Subject(context, tokens);
        context.Response.Headers["X-Subject-Token"] = subject.Token;
        var catalogBase = context.Request.Query.ContainsKey("nocatalog") ? null : IdentityPaths.BaseUrl(context, options);
        return new JsonResponse(200, w => TokenView.Write(w, subject, catalogBase, options.Value.Region));
    }

    private static IResult Check(HttpContext context, TokenService tokens)
    {
        var subject = Subject(context, tokens);
        context.Response.Headers["X-Subject-Token"] = subject.Token;
        return Results.Ok();
    }

    private static JsonResponse Catalog(HttpContext context, TokenService tokens, IOptions<IdentityOptions> options)
    {
        var caller = Caller(context, tokens);
        var baseUrl = IdentityPaths.BaseUrl(context, options);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            if (caller.Project is null)
            {
                w.WriteStartArray("catalog");
                w.WriteEndArray();
            }
            else
            {
                ServiceCatalog.Write(w, baseUrl, options.Value.Region, caller.Project.Id);
            }

            WriteLinks(w, baseUrl + IdentityPaths.IdentityV3 + "/auth/catalog");
            w.WriteEndObject();
        });
    }

    private static JsonResponse Projects(HttpContext context, TokenService tokens, IOptions<IdentityOptions> options)
    {
        var caller = Caller(context, tokens);
        var baseUrl = IdentityPaths.BaseUrl(context, options);
        var project = caller.User.Project;
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("projects");
            IdentityProjectEndpoints.WriteProject(w, project, baseUrl);
            w.WriteEndArray();
            WriteLinks(w, baseUrl + IdentityPaths.IdentityV3 + "/auth/projects");
            w.WriteEndObject();
        });
    }

    private static ValidatedToken Caller(HttpContext context, TokenService tokens) =>
        tokens.Validate(context.Request.Headers["X-Auth-Token"].ToString()) ?? throw IdentityFaultException.Unauthorized();

    /// <summary>
    /// The token named by X-Subject-Token, for a caller allowed to validate it (Keystone's identity:validate_token:
    /// an admin, a service user, or the token's own user).
    /// </summary>
    private static ValidatedToken Subject(HttpContext context, TokenService tokens)
    {
        var caller = Caller(context, tokens);
        var subjectToken = context.Request.Headers["X-Subject-Token"].ToString();
        var subject = tokens.Validate(subjectToken) ?? throw new IdentityFaultException(404, $"Could not find token: {subjectToken}.");
        var privileged = caller.Roles.Any(r => r.Name is "admin" or "service");
        if (!privileged && caller.User.Id != subject.User.Id)
        {
            throw new IdentityFaultException(403, "You are not authorized to perform the requested action: identity:validate_token.");
        }

        return subject;
    }

    private static bool PasswordMatches(string expected, string supplied) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(supplied));

    private static JsonResponse Error(IdentityFaultException fault) => new(fault.StatusCode, w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteNumber("code", fault.StatusCode);
        w.WriteString("message", fault.Message);
        w.WriteString("title", fault.Title);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static void WriteVersion(Utf8JsonWriter w, string baseUrl)
    {
        w.WriteStartObject();
        w.WriteString("id", VersionId);
        w.WriteString("status", "stable");
        w.WriteString("updated", VersionUpdated);
        w.WriteStartArray("links");
        w.WriteStartObject();
        w.WriteString("rel", "self");
        w.WriteString("href", baseUrl + IdentityPaths.IdentityV3 + "/");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("media-types");
        w.WriteStartObject();
        w.WriteString("base", "application/json");
        w.WriteString("type", "application/vnd.openstack.identity-v3+json");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteLinks(Utf8JsonWriter w, string self)
    {
        w.WriteStartObject("links");
        w.WriteString("self", self);
        w.WriteNull("previous");
        w.WriteNull("next");
        w.WriteEndObject();
    }
}
