using System.Globalization;
using System.Text.Json;

namespace OrleansCompute.Api.Identity;

/// <summary>Keystone's token body: <c>{"token": {methods, user, audit_ids, expires_at, issued_at, project, roles, catalog}}</c>.</summary>
internal static class TokenView
{
    public static void Write(Utf8JsonWriter w, ValidatedToken token, string? catalogBaseUrl, string region)
    {
        w.WriteStartObject();
        w.WriteStartObject("token");
        w.WriteStartArray("methods");
        foreach (var method in token.Payload.Methods)
        {
            w.WriteStringValue(method);
        }

        w.WriteEndArray();
        w.WriteStartObject("user");
        WriteDomain(w);
        w.WriteString("id", token.User.Id);
        w.WriteString("name", token.User.Name);
        w.WriteNull("password_expires_at");
        w.WriteEndObject();
        w.WriteStartArray("audit_ids");
        foreach (var audit in token.Payload.AuditIds)
        {
            w.WriteStringValue(audit);
        }

        w.WriteEndArray();
        w.WriteString("expires_at", Timestamp(token.Payload.ExpiresAt));
        w.WriteString("issued_at", Timestamp(token.Payload.IssuedAt));
        if (token.Project is { } project)
        {
            w.WriteStartObject("project");
            WriteDomain(w);
            w.WriteString("id", project.Id);
            w.WriteString("name", project.Name);
            w.WriteEndObject();
            w.WriteBoolean("is_domain", false);
            w.WriteStartArray("roles");
            foreach (var role in token.Roles)
            {
                w.WriteStartObject();
                w.WriteString("id", role.Id);
                w.WriteString("name", role.Name);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (catalogBaseUrl is not null)
            {
                ServiceCatalog.Write(w, catalogBaseUrl, region, token.Project?.Id ?? "");
            }
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Keystone's form: <c>2015-11-05T22:00:11.000000Z</c>.</summary>
    public static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void WriteDomain(Utf8JsonWriter w)
    {
        w.WriteStartObject("domain");
        w.WriteString("id", IdentityDomain.Id);
        w.WriteString("name", IdentityDomain.Name);
        w.WriteEndObject();
    }
}
