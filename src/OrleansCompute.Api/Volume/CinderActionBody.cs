using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Volume;

/// <summary>
/// The body of Cinder's <c>/action</c> routes: an object with exactly one member, named after the action. Anything
/// else is Cinder's 400 before any action is looked at.
/// </summary>
internal sealed class CinderActionBody : IDisposable
{
    private readonly JsonDocument _document;

    private CinderActionBody(JsonDocument document, JsonProperty action)
    {
        _document = document;
        Action = action;
    }

    /// <summary>The one member: its name is the action, its value the action's arguments.</summary>
    public JsonProperty Action { get; }

    public static async Task<CinderActionBody> ReadAsync(HttpContext context)
    {
        var document = await JsonBody.ReadAsync(context);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || root.EnumerateObject().Count() != 1)
        {
            document.Dispose();
            throw ComputeFaultException.BadRequest("Malformed request body");
        }

        return new CinderActionBody(document, root.EnumerateObject().Single());
    }

    public void Dispose() => _document.Dispose();
}
