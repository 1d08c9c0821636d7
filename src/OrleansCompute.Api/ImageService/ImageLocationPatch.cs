using System.Text.Json;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.ImageService;

/// <summary>
/// PATCH of <c>/locations</c> (<c>/locations/-</c>, <c>/locations/{n}</c>). Locations are hidden here as in Glance's
/// default configuration (<c>show_multiple_locations</c> and <c>show_image_direct_url</c> off: no <c>locations</c>
/// or <c>direct_url</c> in an image), and Glance then refuses every change to them with a 403.
/// </summary>
internal static class ImageLocationPatch
{
    public static bool Targets(JsonElement path) =>
        path.ValueKind == JsonValueKind.String
        && path.GetString() is { } text
        && (text == "/locations" || text.StartsWith("/locations/", StringComparison.Ordinal));

    public static ComputeFaultException Refusal(string op, JsonElement change)
    {
        if (op == "replace" && change.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0)
        {
            return ComputeFaultException.Forbidden("Cannot set locations to empty list.");
        }

        var verb = op switch
        {
            "add" => "add",
            "remove" => "remove",
            _ => "update",
        };
        return ComputeFaultException.Forbidden($"It's not allowed to {verb} locations if locations are invisible.");
    }
}
