using System.Text.RegularExpressions;

namespace OrleansCompute.WebConsole.Endpoints;

/// <summary>
/// Which create-form field a Nova fault message is about, so that the message is shown at that field:
/// Nova's schema errors name it (<c>Invalid input for field/attribute metadata.</c>), the others name the thing
/// (<c>Flavor 9 could not be found.</c>, <c>Invalid key_name provided.</c>). Unknown: the form as a whole ("").
/// </summary>
internal static partial class CreateFieldOfFault
{
    private static readonly (string Word, string Field)[] Words =
    [
        ("min_count", "count"), ("max_count", "count"), ("quota", "count"), ("key_name", "key_name"), ("key pair", "key_name"),
        ("keypair", "key_name"), ("security group", "security_groups"), ("security_groups", "security_groups"),
        ("user_data", "user_data"), ("metadata", "metadata"), ("flavor", "flavor"), ("image", "image"),
        ("network", "network"), ("port", "network"), ("name", "name"),
    ];

    public static string For(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return "";
        }

        var named = FieldAttribute().Match(message);
        var text = named.Success ? named.Groups[1].Value : message;
        foreach (var (word, field) in Words)
        {
            if (text.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return field;
            }
        }

        return "";
    }

    [GeneratedRegex(@"field/attribute ([A-Za-z_\-:.]+)")]
    private static partial Regex FieldAttribute();
}
