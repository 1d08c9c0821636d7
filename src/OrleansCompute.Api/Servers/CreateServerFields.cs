using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Servers;

/// <summary>
/// The schema of the create fields that came with later microversions or have their own formats:
/// personality (until 2.56), tags (2.52), trusted_image_certificates (2.63), host and hypervisor_hostname
/// (2.74), hostname (2.90, relaxed at 2.94).
/// </summary>
internal static partial class CreateServerFields
{
    public static IReadOnlyList<(string Path, int ContentBytes)> Personality(JsonElement server)
    {
        if (!server.TryGetProperty("personality", out var list))
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw SchemaErrors.WrongType("personality", list, "array");
        }

        var files = new List<(string, int)>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw SchemaErrors.WrongType("personality", item, "object");
            }

            foreach (var property in item.EnumerateObject())
            {
                if (property.Name is not ("path" or "contents"))
                {
                    throw SchemaErrors.Additional(property.Name);
                }
            }

            var path = item.TryGetProperty("path", out var pathValue) && pathValue.ValueKind == JsonValueKind.String
                ? pathValue.GetString()!
                : throw SchemaErrors.WrongType("personality/path", pathValue, "string");
            var contents = item.TryGetProperty("contents", out var contentValue) && contentValue.ValueKind == JsonValueKind.String
                ? contentValue.GetString()!
                : throw SchemaErrors.WrongType("personality/contents", contentValue, "string");
            var buffer = new byte[contents.Length];
            if (!Convert.TryFromBase64String(contents, buffer, out var length))
            {
                throw SchemaErrors.Invalid("personality/contents", contentValue, $"'{contents}' is not a 'base64'");
            }

            files.Add((path, length));
        }

        return files;
    }

    public static IReadOnlyList<string> Tags(JsonElement server)
    {
        if (!server.TryGetProperty("tags", out var list))
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw SchemaErrors.WrongType("tags", list, "array");
        }

        var tags = new List<string>();
        foreach (var item in list.EnumerateArray())
        {
            var tag = item.ValueKind == JsonValueKind.String ? item.GetString()! : throw SchemaErrors.WrongType("tags", item, "string");
            if (tag.Length == 0)
            {
                throw SchemaErrors.Invalid("tags", item, "'' is too short");
            }

            if (tag.Length > 60)
            {
                throw SchemaErrors.Invalid("tags", item, $"'{tag}' is too long");
            }

            if (tag.Contains('/', StringComparison.Ordinal) || tag.Contains(',', StringComparison.Ordinal))
            {
                throw SchemaErrors.Invalid("tags", item, $"'{tag}' does not match '^[^,/]*$'");
            }

            tags.Add(tag);
        }

        if (tags.Count > 50)
        {
            throw SchemaErrors.Invalid("tags", list, "is too long");
        }

        return tags;
    }

    public static IReadOnlyList<string>? TrustedCertificates(JsonElement server)
    {
        if (!server.TryGetProperty("trusted_image_certificates", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw SchemaErrors.Invalid("trusted_image_certificates", list, $"{SchemaErrors.Quoted(list)} is not of type 'array', 'null'");
        }

        var certificates = new List<string>();
        foreach (var item in list.EnumerateArray())
        {
            var certificate = item.ValueKind == JsonValueKind.String ? item.GetString()! : throw SchemaErrors.WrongType("trusted_image_certificates", item, "string");
            if (certificate.Length == 0)
            {
                throw SchemaErrors.Invalid("trusted_image_certificates", item, "'' is too short");
            }

            certificates.Add(certificate);
        }

        if (certificates.Count == 0)
        {
            throw SchemaErrors.Invalid("trusted_image_certificates", list, "[] should be non-empty");
        }

        if (certificates.Count > 50)
        {
            throw SchemaErrors.Invalid("trusted_image_certificates", list, "is too long");
        }

        if (certificates.Distinct(StringComparer.Ordinal).Count() != certificates.Count)
        {
            throw SchemaErrors.Invalid("trusted_image_certificates", list, "has non-unique elements");
        }

        return certificates;
    }

    public static string? HostName(JsonElement server, string field)
    {
        if (!server.TryGetProperty(field, out var value))
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw SchemaErrors.WrongType(field, value, "string");
        if (text.Length is 0 or > 255 || !Fqdn().IsMatch(text))
        {
            throw SchemaErrors.Invalid(field, value, $"'{text}' does not match '^[a-zA-Z0-9-._]*$'");
        }

        return text;
    }

    /// <summary>2.90-2.93: an RFC 1123 label of 2-63 characters; from 2.94 an FQDN-ish name of 1-255.</summary>
    public static string? Hostname(JsonElement server, ApiVersion version)
    {
        if (!version.AtLeast(2, 90) || !server.TryGetProperty("hostname", out var value))
        {
            return null;
        }

        if (version.AtLeast(2, 94))
        {
            return HostName(server, "hostname");
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw SchemaErrors.WrongType("hostname", value, "string");
        if (text.Length is < 2 or > 63 || !Label().IsMatch(text))
        {
            throw SchemaErrors.Invalid("hostname", value, $"'{text}' does not match '^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$'");
        }

        return text;
    }

    [GeneratedRegex("^[a-zA-Z0-9-._]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Fqdn();

    [GeneratedRegex("^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
