using System.Globalization;
using System.Text;
using CsCheck;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// CsCheck generators of hostile requests for the routes of the OpenAPI document: wrong types, nulls, huge and
/// unicode strings (lone surrogates, invalid UTF-8 bytes), deep nesting, duplicate keys, unknown fields, hostile
/// path values, query strings and version headers. A request that would change state if served is spoiled on
/// purpose, so the only right answer to it is a 4xx.
/// </summary>
public sealed class HostileGenerators(IReadOnlyList<OpenApiRoute> routes, string serverId, string projectId)
{
    /// <summary>Strings that have broken parsers before: numbers out of range, path tricks, regexes, injections, odd Unicode.</summary>
    private static readonly string[] Nasty =
    [
        "", " ", "null", "None", "true", "False", "-1", "0", "-0", "1.5", "1e309", "NaN", "Infinity", "2147483648", "-9223372036854775809",
        "99999999999999999999999999", "%", "%00", "\0", "\t\r\n", "../../etc/passwd", "a,b", "a/b", "a%2Fb", "default", "web",
        "' OR 1=1 --", "\"; DROP TABLE compute_servers; --", "<script>alert(1)</script>", "${jndi:ldap://x}", "{{7*7}}",
        "\u202e\u0644", "\ud800", "\udfff", "a\ud800b", "\ud83d\ude00", "\uffff", "\ufeff", "é", "Ω", "𝔘", "latest", "2.1", "[", "{", "\\", "\"",
        "*", ".*", "(a+)+$", "(?<=a)", "\\p{L}", "(", "a{99999}", "[[:alpha:]]", "00000000-0000-0000-0000-000000000000",
        "70a599e0-31e7-49b7-b260-868f441e862b", "1", "m1.tiny", "affinity", "anti-affinity", "HARD", "SOFT", "ACTIVE", "auto", "none",
    ];

    private static readonly string[] FieldNames =
    [
        "name", "flavorRef", "imageRef", "networks", "metadata", "tags", "type", "policies", "policy", "rules", "key_name",
        "security_groups", "adminPass", "user_data", "availability_zone", "block_device_mapping_v2", "min_count", "max_count",
        "description", "instances", "cores", "ram", "key_pairs", "public_key", "uuid", "port", "fixed_ip", "OS-DCF:diskConfig",
        "accessIPv4", "hostname", "locked_reason", "force", "host", "state", "length", "backup_type", "rotation", "flavorRef",
        "os:scheduler_hints", "config_drive", "trusted_image_certificates", "server_group_members", "max_server_per_host", "k",
    ];

    private static readonly string[] QueryNames =
    [
        "limit", "marker", "offset", "name", "status", "sort_key", "sort_dir", "changes-since", "changes-before", "all_tenants",
        "all_projects", "tenant_id", "project_id", "user_id", "deleted", "tags", "not-tags-any", "ip", "ip6", "flavor", "image",
        "minRam", "minDisk", "is_public", "uuid", "locked", "host", "reservation_id", "detailed", "usages", "visibility", "x",
    ];

    private static readonly string?[] Versions =
    [
        null, "compute 2.1", "compute 2.26", "compute 2.35", "compute 2.53", "compute 2.64", "compute 2.75", "compute 2.86", "compute latest",
    ];

    private static readonly string[] BadVersions = ["compute 2.999", "compute 3.0", "compute 1.1", "compute x.y", "compute ", "volume 2.1", "compute 2.01", "compute -2.1"];

    /// <summary>Mostly versions the service serves, so that requests reach the routes; now and then one it must refuse.</summary>
    private static readonly Gen<string?> Version = Gen.Frequency((8, Gen.OneOf(Versions)), (1, Gen.OneOf(BadVersions).Select(v => (string?)v)));

    private static readonly string[] Spoilers = ["unknown-field", "lone-surrogate", "invalid-utf8", "truncated", "deep-nesting", "not-an-object", "content-type"];

    /// <summary>A hostile string: a nasty constant, random Unicode (lone surrogates included), or a huge one.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (4, Gen.OneOf(Nasty)),
        (3, Gen.String),
        (2, Gen.Char.Array[0, 40].Select(chars => new string(chars))),
        (1, Gen.Int[1000, 20000].Select(n => new string('x', n))),
        (1, Gen.Int[0, Nasty.Length - 1].Select(Gen.Int[2, 200], (i, n) => string.Concat(Enumerable.Repeat(Nasty[i], n)))));

    /// <summary>JSON text of any shape up to a few levels: scalars of every type, arrays, objects with known, unknown and repeated keys.</summary>
    public static readonly Gen<string> Json = JsonValue(3);

    private static Gen<string> JsonValue(int depth)
    {
        var scalar = Gen.Frequency(
            (2, Gen.OneOf("null", "true", "false", "0", "-1", "1.5", "1e400", "-0", "12345678901234567890123", "[]", "{}", "\"\"")),
            (1, Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture))),
            (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1e999")),
            (4, Text.Select(Quote)));
        if (depth == 0)
        {
            return scalar;
        }

        var inner = JsonValue(depth - 1);
        var array = inner.Array[0, 4].Select(items => "[" + string.Join(", ", items) + "]");
        var key = Gen.Frequency((3, Gen.OneOf(FieldNames)), (1, Text));
        var obj = Gen.Select(key, inner).Array[0, 5].Select(Gen.Bool, (members, repeat) =>
        {
            // Duplicate keys: the last one wins in Python's json and in System.Text.Json's lookups; repeat one on purpose.
            var all = repeat && members.Length > 0 ? members.Append(members[0]) : members;
            return "{" + string.Join(", ", all.Select(m => Quote(m.Item1) + ": " + m.Item2)) + "}";
        });
        return Gen.Frequency((3, scalar), (1, array), (2, obj));
    }

    /// <summary>A JSON string literal; every non-ASCII character is a \u escape, so a lone surrogate stays one.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                < ' ' or > '~' => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Percent-encodes text for a path segment or query value; unpaired surrogates become U+FFFD as any client would send them.</summary>
    public static string Escape(string text) => string.Concat(Encoding.UTF8.GetBytes(text).Select(b =>
        b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~'
            ? ((char)b).ToString()
            : "%" + b.ToString("X2", CultureInfo.InvariantCulture)));

    /// <summary>
    /// A path or query value on the wire: escaped text, sometimes with raw invalid UTF-8 or broken escapes spliced in.
    /// Mostly short enough for Kestrel's 8 KB request line, so that the request reaches the API; now and then not.
    /// </summary>
    private static readonly Gen<string> WireValue = Gen.Frequency(
        (12, Text.Select(t => Escape(t.Length > 300 ? t[..300] : t))),
        (2, Text.Select(Gen.OneOf("%FF", "%C0%80", "%ED%A0%80", "%zz", "%", "%E2%82"), (t, raw) => Escape(t.Length > 300 ? t[..300] : t) + raw)),
        (1, Text.Select(Escape)));

    public Gen<HostileRequest> Requests => Gen.Int[0, routes.Count - 1].SelectMany(index =>
    {
        var route = routes[index];
        return Gen.Select(PathFor(route), Query, Version, BodyFor(route), (path, query, version, body) =>
            new HostileRequest(route.Method, path + query, version, body.Bytes, body.ContentType, route.Mutates, body.Spoiler));
    });

    private static Gen<string> Query => Gen.Select(Gen.Frequency((3, Gen.OneOf(QueryNames)), (1, Text.Select(Escape))), WireValue)
        .Array[0, 4]
        .Select(pairs => pairs.Length == 0 ? "" : "?" + string.Join("&", pairs.Select(p => p.Item1 + "=" + p.Item2)));

    /// <summary>The path with each template parameter filled; values that could name something real are kept off mutating routes.</summary>
    private Gen<string> PathFor(OpenApiRoute route)
    {
        var path = Gen.Const(route.Template);
        foreach (var parameter in ParametersOf(route.Template))
        {
            var value = ValueFor(route, parameter);
            path = path.Select(value, (p, v) => p.Replace("{" + parameter + "}", v, StringComparison.Ordinal));
        }

        return path;
    }

    private Gen<string> ValueFor(OpenApiRoute route, string parameter)
    {
        var unknownId = Gen.Guid.Select(g => g.ToString());
        var spelledOtherwise = Gen.OneOf("{" + serverId + "}", serverId.Replace("-", "", StringComparison.Ordinal), "(" + serverId + ")", serverId.ToUpperInvariant() + "x");
        return parameter switch
        {
            // DELETE on the real server (or its tags) would be served: only ids that name nothing.
            "id" when route.Method == "DELETE" => Gen.Frequency((2, unknownId), (1, spelledOtherwise.Select(Escape)), (2, WireValue)),
            "id" => Gen.Frequency((4, Gen.Const(serverId)), (1, unknownId), (1, spelledOtherwise.Select(Escape)), (2, WireValue)),
            // PUT /tags/{tag} has no body: a tag with a comma is never valid.
            "tag" when route.Method == "PUT" => WireValue.Select(v => v + "%2C"),
            "project_id" => Gen.Frequency((3, Gen.Const(projectId)), (1, WireValue)),
            "project" => Gen.Frequency((2, Gen.Const(projectId)), (1, WireValue)),
            _ => WireValue,
        };
    }

    private static IEnumerable<string> ParametersOf(string template)
    {
        var start = template.IndexOf('{', StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = template.IndexOf('}', start);
            yield return template[(start + 1)..end];
            start = template.IndexOf('{', end);
        }
    }

    /// <summary>No body for reads and deletes (sometimes one anyway); for writes an envelope with hostile content, spoiled one way.</summary>
    private static Gen<(byte[]? Bytes, string? ContentType, string Spoiler)> BodyFor(OpenApiRoute route)
    {
        if (route.Envelopes.Count == 0)
        {
            return Gen.Frequency(
                (4, Gen.Const<(byte[]?, string?, string)>((null, null, "none"))),
                (1, Json.Select(j => ((byte[]?)Encoding.UTF8.GetBytes(j), (string?)"application/json", "stray-body"))));
        }

        var envelope = Gen.Select(Gen.OneOf([.. route.Envelopes]), Json, (key, value) => (Key: key, Value: value));
        return Gen.Select(envelope, Gen.OneOf(Spoilers), Json, Gen.Int[0, 1000], Spoil);
    }

    /// <summary>Makes a body certainly invalid, whatever the generated content happened to be.</summary>
    private static (byte[]? Bytes, string? ContentType, string Spoiler) Spoil((string Key, string Value) envelope, string spoiler, string extra, int at)
    {
        var body = "{" + Quote(envelope.Key) + ": " + envelope.Value + "}";
        switch (spoiler)
        {
            case "unknown-field":
                // Nova's schemas refuse properties they do not know at the top; an action body must have one key.
                return (Encoding.UTF8.GetBytes("{" + Quote(envelope.Key) + ": " + envelope.Value + ", \"zz_unknown\": " + extra + "}"), "application/json", spoiler);
            case "lone-surrogate":
                return (Encoding.UTF8.GetBytes("{" + Quote(envelope.Key) + ": {\"name\": \"x\\ud800\", \"k\": " + envelope.Value + "}}"), "application/json", spoiler);
            case "invalid-utf8":
                var bytes = Encoding.UTF8.GetBytes(body).ToList();
                var quote = bytes.IndexOf((byte)'"');
                bytes.InsertRange(quote + 1, at % 3 == 0 ? [0xFF] : at % 3 == 1 ? [0xC0, 0x80] : [0xED, 0xA0, 0x80]);
                return ([.. bytes], "application/json", spoiler);
            case "truncated":
                return (Encoding.UTF8.GetBytes(body[..Math.Max(1, at % body.Length)]), "application/json", spoiler);
            case "deep-nesting":
                var depth = 65 + at;
                return (Encoding.UTF8.GetBytes("{" + Quote(envelope.Key) + ": " + new string('[', depth) + new string(']', depth) + "}"), "application/json", spoiler);
            case "not-an-object":
                return (Encoding.UTF8.GetBytes((at % 4) switch { 0 => "[" + body + "]", 1 => envelope.Value.StartsWith('{') ? "[]" : envelope.Value, 2 => "null", _ => "\"" + envelope.Key + "\"" }), "application/json", spoiler);
            default:
                return (Encoding.UTF8.GetBytes(body), at % 2 == 0 ? "application/xml" : "multipart/form-data; boundary=x", spoiler);
        }
    }
}
