using System.Text.Json.Serialization;

namespace OrleansCompute.Api.Identity;

/// <summary>
/// What a token carries, like Keystone's Fernet payload: who, which project, how it was obtained, when it
/// expires. Roles are not in it: they are looked up when the token is validated, as Keystone does.
/// </summary>
internal sealed record TokenPayload(
    [property: JsonPropertyName("u")] string UserId,
    [property: JsonPropertyName("p")] string? ProjectId,
    [property: JsonPropertyName("m")] IReadOnlyList<string> Methods,
    [property: JsonPropertyName("i")] DateTimeOffset IssuedAt,
    [property: JsonPropertyName("e")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("a")] IReadOnlyList<string> AuditIds);
