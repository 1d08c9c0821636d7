using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;
using OrleansCompute.Quotas;
using OrleansCompute.ServerGroups;

namespace OrleansCompute.Api.ServerGroups;

/// <summary>
/// <c>/os-server-groups</c>: create, list, show, delete. Below 2.64 a group has <c>policies</c> (one of
/// affinity and anti-affinity, the soft ones from 2.15) and <c>metadata</c>; from 2.64 a single
/// <c>policy</c> and <c>rules</c> (max_server_per_host for anti-affinity). project_id and user_id from 2.13.
/// </summary>
internal static class ServerGroupEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/os-server-groups", CreateAsync).RequirePolicy(ComputePolicies.ServerGroupsCreate);
        routes.MapGet("/os-server-groups", ListAsync).RequirePolicy(ComputePolicies.ServerGroupsIndex);
        routes.MapGet("/os-server-groups/{id}", ShowAsync).RequirePolicy(ComputePolicies.ServerGroupsShow);
        routes.MapDelete("/os-server-groups/{id}", DeleteAsync).RequirePolicy(ComputePolicies.ServerGroupsDelete);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        using var body = await JsonBody.ReadAsync(context);
        var group = Parse(body.RootElement, request.Version, request.Caller.ProjectId, request.Caller.UserId);
        var project = grains.GetGrain<IProjectGrain>(request.Caller.ProjectId);
        var directory = grains.GetGrain<IServerGroupDirectoryGrain>(IServerGroupDirectoryGrain.Key);
        await project.AddServerGroupAsync(group.Id);
        try
        {
            await directory.AddAsync(group.Id);
            await grains.GetGrain<IServerGroupGrain>(group.Id).CreateAsync(group);
        }
        catch
        {
            await directory.RemoveAsync(group.Id);
            await project.RemoveServerGroupAsync(group.Id);
            throw;
        }

        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("server_group");
            Write(w, group, request.Version);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var query = context.Request.Query;
        var ids = await grains.GetGrain<IProjectGrain>(request.Caller.ProjectId).GetServerGroupsAsync();
        // Nova: the mere presence of all_projects, from a caller its rule allows (an admin), lists every project's
        // groups; anyone else gets their own project's, without an error. The caller's own ids are added for groups
        // made before the directory existed.
        if (query.ContainsKey("all_projects") && request.IsAllowed(ComputePolicies.ServerGroupsIndexAllProjects))
        {
            ids = [.. (await grains.GetGrain<IServerGroupDirectoryGrain>(IServerGroupDirectoryGrain.Key).ListAsync()).Union(ids)];
        }

        var found = await Task.WhenAll(ids.Select(id => grains.GetGrain<IServerGroupGrain>(id).FindAsync(request.Caller)));
        var groups = found.OfType<ServerGroup>().ToList();
        IEnumerable<ServerGroup> page = groups;
        if (query.TryGetValue("offset", out var offset) && int.TryParse(offset[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var skip))
        {
            page = page.Skip(skip);
        }

        if (query.TryGetValue("limit", out var limit) && int.TryParse(limit[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var take))
        {
            page = page.Take(take);
        }

        var list = page.ToList();
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("server_groups");
            foreach (var group in list)
            {
                Write(w, group, request.Version);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var group = (Guid.TryParse(id, out var groupId) ? await grains.GetGrain<IServerGroupGrain>(groupId).FindAsync(request.Caller) : null)
            ?? throw ComputeFaultException.NotFound($"Instance group {id} could not be found.");
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("server_group");
            Write(w, group, request.Version);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        if (!Guid.TryParse(id, out var groupId))
        {
            throw ComputeFaultException.NotFound($"Instance group {id} could not be found.");
        }

        var grain = grains.GetGrain<IServerGroupGrain>(groupId);
        var group = await grain.FindAsync(request.Caller) ?? throw ComputeFaultException.NotFound($"Instance group {id} could not be found.");
        await grain.DeleteAsync(request.Caller);
        await grains.GetGrain<IProjectGrain>(group.ProjectId).RemoveServerGroupAsync(groupId);
        await grains.GetGrain<IServerGroupDirectoryGrain>(IServerGroupDirectoryGrain.Key).RemoveAsync(groupId);
        return Results.StatusCode(204);
    }

    private static ServerGroup Parse(JsonElement body, ApiVersion version, string projectId, string userId)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("body", body, "object");
        }

        foreach (var property in body.EnumerateObject())
        {
            if (property.Name != "server_group")
            {
                throw SchemaErrors.Additional(property.Name);
            }
        }

        var group = body.TryGetProperty("server_group", out var value) ? value : throw SchemaErrors.Required("server_group");
        if (group.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("server_group", group, "object");
        }

        var v264 = version.AtLeast(2, 64);
        foreach (var property in group.EnumerateObject())
        {
            var known = property.Name == "name" || (v264 ? property.Name is "policy" or "rules" : property.Name == "policies");
            if (!known)
            {
                throw SchemaErrors.Additional(property.Name);
            }
        }

        var nameValue = group.TryGetProperty("name", out var n) ? n : throw SchemaErrors.Required("name");
        var name = nameValue.ValueKind == JsonValueKind.String ? nameValue.GetString()! : throw SchemaErrors.WrongType("name", nameValue, "string");
        if (name.Length is 0 or > 255 || !NameRules.IsValidName(name))
        {
            throw ComputeFaultException.BadRequest($"Invalid input for field/attribute name. Value: {name}. {NameRules.InvalidNameMessage}");
        }

        var allowed = version.AtLeast(2, 15) ? ServerGroup.Policies : [ServerGroup.Affinity, ServerGroup.AntiAffinity];
        string policy;
        int? maxPerHost = null;
        if (v264)
        {
            var policyValue = group.TryGetProperty("policy", out var p) ? p : throw SchemaErrors.Required("policy");
            policy = policyValue.ValueKind == JsonValueKind.String && allowed.Contains(policyValue.GetString())
                ? policyValue.GetString()!
                : throw SchemaErrors.Invalid("policy", policyValue, $"{SchemaErrors.Quoted(policyValue)} is not one of [{string.Join(", ", allowed.Select(a => $"'{a}'"))}]");
            if (group.TryGetProperty("rules", out var rules))
            {
                maxPerHost = Rules(rules, policy);
            }
        }
        else
        {
            var policies = group.TryGetProperty("policies", out var p) ? p : throw SchemaErrors.Required("policies");
            if (policies.ValueKind != JsonValueKind.Array || policies.GetArrayLength() != 1)
            {
                throw SchemaErrors.Invalid("policies", policies, $"{SchemaErrors.Render(policies)} is not valid: exactly one policy is required");
            }

            var only = policies[0];
            policy = only.ValueKind == JsonValueKind.String && allowed.Contains(only.GetString())
                ? only.GetString()!
                : throw SchemaErrors.Invalid("policies", only, $"{SchemaErrors.Quoted(only)} is not one of [{string.Join(", ", allowed.Select(a => $"'{a}'"))}]");
        }

        return new ServerGroup { Id = Guid.NewGuid(), Name = name, Policy = policy, ProjectId = projectId, UserId = userId, MaxServerPerHost = maxPerHost };
    }

    private static int? Rules(JsonElement rules, string policy)
    {
        if (rules.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("rules", rules, "object");
        }

        int? max = null;
        foreach (var rule in rules.EnumerateObject())
        {
            if (rule.Name != "max_server_per_host")
            {
                throw SchemaErrors.Additional(rule.Name);
            }

            var value = rule.Value;
            int number;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out number))
            {
            }
            else if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number))
            {
            }
            else
            {
                throw SchemaErrors.Invalid("rules/max_server_per_host", value, $"{SchemaErrors.Quoted(value)} is not of type 'integer', 'string'");
            }

            if (number < 1)
            {
                throw SchemaErrors.Invalid("rules/max_server_per_host", value, $"{number} is less than the minimum of 1");
            }

            max = number;
        }

        if (max is not null && policy != ServerGroup.AntiAffinity)
        {
            throw ComputeFaultException.BadRequest("Only anti-affinity policy supports rules.");
        }

        return max;
    }

    private static void Write(Utf8JsonWriter w, ServerGroup group, ApiVersion version)
    {
        w.WriteStartObject();
        w.WriteString("id", group.Id);
        w.WriteString("name", group.Name);
        if (version.AtLeast(2, 64))
        {
            w.WriteString("policy", group.Policy);
            w.WriteStartObject("rules");
            if (group.MaxServerPerHost is { } max)
            {
                w.WriteNumber("max_server_per_host", max);
            }

            w.WriteEndObject();
        }
        else
        {
            w.WriteStartArray("policies");
            w.WriteStringValue(group.Policy);
            w.WriteEndArray();
        }

        w.WriteStartArray("members");
        foreach (var member in group.Members.Keys)
        {
            w.WriteStringValue(member);
        }

        w.WriteEndArray();
        if (!version.AtLeast(2, 64))
        {
            w.WriteStartObject("metadata");
            w.WriteEndObject();
        }

        if (version.AtLeast(2, 13))
        {
            w.WriteString("project_id", group.ProjectId);
            w.WriteString("user_id", group.UserId);
        }

        w.WriteEndObject();
    }
}
