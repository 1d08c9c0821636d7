using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Policy;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;
using OrleansCompute.Keypairs;
using OrleansCompute.Quotas;

namespace OrleansCompute.Api.Keypairs;

/// <summary>
/// <c>/os-keypairs</c>: create (generated, until 2.92) or import, list, show, delete, per microversion:
/// <c>type</c> from 2.2 (and 201/204 instead of 200/202), <c>user_id</c> for admins from 2.10, paging from 2.35,
/// and the wider name pattern and mandatory public key from 2.92. Key pairs belong to the user.
/// </summary>
internal static partial class KeyPairEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/os-keypairs", ListAsync).RequirePolicy(ComputePolicies.KeypairsIndex);
        routes.MapPost("/os-keypairs", CreateAsync).RequirePolicy(ComputePolicies.KeypairsCreate);
        routes.MapGet("/os-keypairs/{name}", ShowAsync).RequirePolicy(ComputePolicies.KeypairsShow);
        routes.MapDelete("/os-keypairs/{name}", DeleteAsync).RequirePolicy(ComputePolicies.KeypairsDelete);
    }

    /// <summary>The user whose key pairs the request names (2.10+); the route's rule is checked again with that user as the target, as Nova does.</summary>
    private static string UserFor(HttpContext context, ComputeRequest request, string rule, string? bodyUser = null)
    {
        var user = bodyUser ?? (request.Version.AtLeast(2, 10) && context.Request.Query.TryGetValue("user_id", out var q) ? q[^1] : null);
        if (user is not null && user != request.Caller.UserId)
        {
            request.Authorize(rule, new PolicyTarget(null, user));
        }

        return user is null ? request.Caller.UserId : GrainKeyRules.User(user);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var user = UserFor(context, request, ComputePolicies.KeypairsIndex);
        IEnumerable<KeyPair> keyPairs = await grains.GetGrain<IKeyPairGrain>(user).ListAsync();
        var query = context.Request.Query;
        if (request.Version.AtLeast(2, 35))
        {
            if (query.TryGetValue("marker", out var marker))
            {
                var list = keyPairs.ToList();
                var position = list.FindIndex(k => k.Name == marker[^1]);
                if (position < 0)
                {
                    throw ComputeFaultException.BadRequest($"marker [{marker[^1]}] not found");
                }

                keyPairs = list.Skip(position + 1);
            }

            if (QueryIntegers.NonNegative(query, "limit") is { } count)
            {
                keyPairs = keyPairs.Take(count);
            }
        }

        var page = keyPairs.ToList();
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("keypairs");
            foreach (var keyPair in page)
            {
                w.WriteStartObject();
                w.WriteStartObject("keypair");
                w.WriteString("name", keyPair.Name);
                w.WriteString("public_key", keyPair.PublicKey);
                w.WriteString("fingerprint", keyPair.Fingerprint);
                if (request.Version.AtLeast(2, 2))
                {
                    w.WriteString("type", keyPair.Type);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var version = request.Version;
        using var body = await JsonBody.ReadAsync(context);
        var keypair = Envelope(body.RootElement);
        foreach (var property in keypair.EnumerateObject())
        {
            var known = property.Name is "name" or "public_key" || (property.Name == "type" && version.AtLeast(2, 2)) || (property.Name == "user_id" && version.AtLeast(2, 10));
            if (!known)
            {
                throw SchemaErrors.Additional(property.Name);
            }
        }

        var name = keypair.TryGetProperty("name", out var nameValue) ? nameValue : throw SchemaErrors.Required("name");
        var nameText = nameValue.ValueKind == JsonValueKind.String ? nameValue.GetString()! : throw SchemaErrors.WrongType("name", nameValue, "string");
        var pattern = version.AtLeast(2, 92) ? NameWide() : NameClassic();
        if (nameText.Length is 0 or > 255 || !pattern.IsMatch(nameText))
        {
            throw SchemaErrors.Invalid("name", name, $"'{nameText}' does not match '{pattern}'");
        }

        var type = "ssh";
        if (keypair.TryGetProperty("type", out var typeValue))
        {
            type = typeValue.ValueKind == JsonValueKind.String && typeValue.GetString() is "ssh" or "x509"
                ? typeValue.GetString()!
                : throw SchemaErrors.Invalid("type", typeValue, $"{SchemaErrors.Quoted(typeValue)} is not one of ['ssh', 'x509']");
        }

        string? bodyUser = null;
        if (keypair.TryGetProperty("user_id", out var userValue))
        {
            bodyUser = userValue.ValueKind == JsonValueKind.String ? userValue.GetString() : throw SchemaErrors.WrongType("user_id", userValue, "string");
        }

        var user = UserFor(context, request, ComputePolicies.KeypairsCreate, bodyUser);
        string publicKey;
        string? privateKey = null;
        if (keypair.TryGetProperty("public_key", out var keyValue))
        {
            publicKey = keyValue.ValueKind == JsonValueKind.String ? keyValue.GetString()! : throw SchemaErrors.WrongType("public_key", keyValue, "string");
        }
        else if (version.AtLeast(2, 92))
        {
            throw SchemaErrors.Required("public_key");
        }
        else
        {
            (publicKey, privateKey) = SshPublicKey.Generate($"Generated-by-Nova");
        }

        var fingerprint = SshPublicKey.Fingerprint(publicKey)
            ?? throw ComputeFaultException.BadRequest("Keypair data is invalid: failed to generate fingerprint");
        var limit = (await grains.GetGrain<IProjectGrain>(request.Caller.ProjectId).GetQuotaAsync()).Limits.KeyPairs;
        var stored = await grains.GetGrain<IKeyPairGrain>(user).AddAsync(new KeyPair
        {
            Id = 0,
            Name = nameText,
            UserId = user,
            PublicKey = publicKey,
            Fingerprint = fingerprint,
            Type = type,
            CreatedAt = DateTimeOffset.UtcNow,
        }, limit);

        return new JsonResponse(version.AtLeast(2, 2) ? 201 : 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("keypair");
            w.WriteString("name", stored.Name);
            w.WriteString("public_key", stored.PublicKey);
            w.WriteString("fingerprint", stored.Fingerprint);
            w.WriteString("user_id", stored.UserId);
            if (privateKey is not null)
            {
                w.WriteString("private_key", privateKey);
            }

            if (version.AtLeast(2, 2))
            {
                w.WriteString("type", stored.Type);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string name, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var user = UserFor(context, request, ComputePolicies.KeypairsShow);
        var keyPair = await grains.GetGrain<IKeyPairGrain>(user).FindAsync(name)
            ?? throw ComputeFaultException.NotFound($"Keypair {name} not found for user {user}");
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("keypair");
            w.WriteString("name", keyPair.Name);
            w.WriteString("public_key", keyPair.PublicKey);
            w.WriteString("fingerprint", keyPair.Fingerprint);
            w.WriteString("user_id", keyPair.UserId);
            w.WriteBoolean("deleted", false);
            w.WriteString("created_at", keyPair.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
            w.WriteNull("deleted_at");
            w.WriteNull("updated_at");
            w.WriteNumber("id", keyPair.Id);
            if (request.Version.AtLeast(2, 2))
            {
                w.WriteString("type", keyPair.Type);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string name, IGrainFactory grains)
    {
        var request = ComputeRequest.From(context);
        var user = UserFor(context, request, ComputePolicies.KeypairsDelete);
        if (!await grains.GetGrain<IKeyPairGrain>(user).RemoveAsync(name))
        {
            throw ComputeFaultException.NotFound($"Keypair {name} not found for user {user}");
        }

        return Results.StatusCode(request.Version.AtLeast(2, 2) ? 204 : 202);
    }

    private static JsonElement Envelope(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw SchemaErrors.WrongType("body", body, "object");
        }

        foreach (var property in body.EnumerateObject())
        {
            if (property.Name != "keypair")
            {
                throw SchemaErrors.Additional(property.Name);
            }
        }

        var keypair = body.TryGetProperty("keypair", out var value) ? value : throw SchemaErrors.Required("keypair");
        return keypair.ValueKind == JsonValueKind.Object ? keypair : throw SchemaErrors.WrongType("keypair", keypair, "object");
    }

    [GeneratedRegex("^[a-zA-Z0-9 _-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NameClassic();

    [GeneratedRegex("^[a-zA-Z0-9 @._-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NameWide();
}
