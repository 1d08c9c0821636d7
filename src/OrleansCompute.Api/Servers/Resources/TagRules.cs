using System.Text.Json;
using OrleansCompute.Api.Validation;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Servers.Resources;

/// <summary>Nova's tag rules: 1–60 characters without '/' or ','; at most 50 per server; duplicates collapse.</summary>
internal static class TagRules
{
    public const int MaxLength = 60;
    public const int MaxCount = 50;
    private const string Pattern = "^[^,/]*$";

    /// <summary>The body list of <c>PUT /servers/{id}/tags</c>, de-duplicated in first-seen order.</summary>
    public static IReadOnlyList<string> ParseList(JsonElement tags)
    {
        if (tags.ValueKind != JsonValueKind.Array)
        {
            throw SchemaErrors.WrongType("tags", tags, "array");
        }

        if (tags.GetArrayLength() > MaxCount)
        {
            throw SchemaErrors.Invalid("tags", tags, $"{tags.GetRawText()} is too long");
        }

        var result = new List<string>();
        var index = 0;
        foreach (var item in tags.EnumerateArray())
        {
            var field = $"tags/{index++}";
            if (item.ValueKind != JsonValueKind.String)
            {
                throw SchemaErrors.WrongType(field, item, "string");
            }

            var tag = item.GetString()!;
            if (Problem(tag) is { } problem)
            {
                throw SchemaErrors.Invalid(field, item, problem);
            }

            if (!result.Contains(tag, StringComparer.Ordinal))
            {
                result.Add(tag);
            }
        }

        return result;
    }

    /// <summary>The tag in the URL of <c>PUT /servers/{id}/tags/{tag}</c>.</summary>
    public static void ValidateSingle(string tag)
    {
        if (Problem(tag) is { } problem)
        {
            throw ComputeFaultException.BadRequest(
                $"Tag '{tag}' is invalid. It must be a non empty string without characters '/' and ','. Validation error message: {problem}");
        }
    }

    internal static string? Problem(string tag) =>
        tag.Length == 0 ? "'' is too short"
        : tag.Length > MaxLength ? $"'{tag}' is too long"
        : tag.Contains('/', StringComparison.Ordinal) || tag.Contains(',', StringComparison.Ordinal) ? $"'{tag}' does not match '{Pattern}'"
        : null;
}
