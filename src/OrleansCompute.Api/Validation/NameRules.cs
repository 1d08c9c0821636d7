using System.Globalization;

namespace OrleansCompute.Api.Validation;

/// <summary>
/// Nova's name format: printable characters of the Basic Multilingual Plane only (so no emoji, no control,
/// line or paragraph separators), not starting or ending with whitespace.
/// </summary>
internal static class NameRules
{
    public const string InvalidNameMessage = "An invalid 'name' value was provided. The name must be: printable characters. Can not start or end with whitespace.";

    public static bool IsValidName(string name)
    {
        if (name.Length == 0 || char.IsWhiteSpace(name[0]) || char.IsWhiteSpace(name[^1]))
        {
            return false;
        }

        return AllPrintable(name, allowWhitespace: false);
    }

    /// <summary>Descriptions allow any whitespace but still no control characters.</summary>
    public static bool IsValidDescription(string text) => AllPrintable(text, allowWhitespace: true);

    private static bool AllPrintable(string text, bool allowWhitespace)
    {
        foreach (var c in text)
        {
            if (char.IsSurrogate(c))
            {
                return false;
            }

            if (allowWhitespace && char.IsWhiteSpace(c))
            {
                continue;
            }

            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse)
            {
                return false;
            }
        }

        return true;
    }
}
