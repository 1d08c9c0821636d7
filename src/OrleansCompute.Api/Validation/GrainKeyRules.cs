using OrleansCompute.Faults;

namespace OrleansCompute.Api.Validation;

/// <summary>
/// Project and user ids that come from a URL or a query string become grain keys. Orleans refuses an empty or
/// all-whitespace key with an exception (a 500 before this check), and control characters or kilobytes of text are
/// no id either: each is a 400 here, before any grain is activated for it.
/// </summary>
internal static class GrainKeyRules
{
    private const int MaxLength = 255;

    public static string Project(string id) =>
        IsUsable(id) ? id : throw ComputeFaultException.BadRequest($"Project ID {Printable(id)} is not a valid project.");

    public static string User(string id) =>
        IsUsable(id) ? id : throw ComputeFaultException.BadRequest($"User ID {Printable(id)} is not a valid user.");

    private static bool IsUsable(string id) => !string.IsNullOrWhiteSpace(id) && id.Length <= MaxLength && !id.Any(char.IsControl);

    /// <summary>The id as the message shows it: control characters escaped, and not more than the limit.</summary>
    private static string Printable(string id)
    {
        var shown = id.Length > MaxLength ? id[..MaxLength] + "..." : id;
        return string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
