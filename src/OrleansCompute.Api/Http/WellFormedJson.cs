using System.Text.Json;
using System.Text.Unicode;

namespace OrleansCompute.Api;

/// <summary>
/// Parses a request body into a document whose every string can be read: the bytes must be valid UTF-8 (the
/// parser does not check the bytes inside strings) and no escape may leave a lone surrogate (<c>"\ud800"</c>),
/// which the parser accepts but <see cref="JsonElement.GetString"/> refuses later, deep inside a route.
/// Checking once here, where every body comes in, keeps each route's parser free of the concern.
/// </summary>
internal static class WellFormedJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>The document, or null when the body is not JSON or holds text that is not Unicode.</summary>
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> body)
    {
        if (!Utf8.IsValid(body.Span))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException)
        {
            return null;
        }

        if (HasReadableStrings(document.RootElement))
        {
            return document;
        }

        document.Dispose();
        return null;
    }

    /// <summary>Whether every string value and property name decodes; depth is bounded by the parser's MaxDepth.</summary>
    private static bool HasReadableStrings(JsonElement element)
    {
        try
        {
            return Readable(element);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json's answer to an escaped lone surrogate.
            return false;
        }
    }

    private static bool Readable(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                return true;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!Readable(item))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    if (!Readable(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }
}
