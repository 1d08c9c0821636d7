using System.Text.Json;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Servers.Resources;

/// <summary>Envelope checks shared by the update and sub-resource bodies: an object with exactly the one required key.</summary>
internal static class BodyRules
{
    /// <summary>The value of <paramref name="key"/> in a body that must be <c>{"key": ...}</c> and nothing else.</summary>
    public static JsonElement Envelope(JsonElement body, string key)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            // A schema failure at the root has no field path, so Nova shows the validator's message alone.
            throw ComputeFaultException.BadRequest($"{SchemaErrors.Quoted(body)} is not of type 'object'");
        }

        foreach (var property in body.EnumerateObject())
        {
            if (property.Name != key)
            {
                throw SchemaErrors.Additional(property.Name);
            }
        }

        return body.TryGetProperty(key, out var value) ? value : throw SchemaErrors.Required(key);
    }
}
