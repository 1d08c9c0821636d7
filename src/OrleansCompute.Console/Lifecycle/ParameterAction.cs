using System.Text.Json.Nodes;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.WebConsole.Lifecycle;

/// <summary>
/// An action the console offers as a small form because Nova needs parameters for it: its form value, its label,
/// the lifecycle row that decides when it is allowed, the form's fields (the first one is where a Nova message that
/// names no field is shown), and Nova's request body built from the posted fields.
/// </summary>
public sealed record ParameterAction(
    string Name, string Label, ServerActionKind Kind, IReadOnlyList<string> Fields, Func<Func<string, string>, JsonObject> BuildBody)
{
    /// <summary>The forms, in the order they are shown, each with the Nova body it posts.</summary>
    public static IReadOnlyList<ParameterAction> All { get; } =
    [
        new("resize", "Resize", ServerActionKind.Resize, ["flavor"],
            field => new JsonObject { ["resize"] = new JsonObject { ["flavorRef"] = field("flavor") } }),
        new("rebuild", "Rebuild", ServerActionKind.Rebuild, ["image", "name"],
            field => new JsonObject
            {
                ["rebuild"] = field("name") is { Length: > 0 } name
                    ? new JsonObject { ["imageRef"] = field("image"), ["name"] = name }
                    : new JsonObject { ["imageRef"] = field("image") },
            }),
        new("create-image", "Create image", ServerActionKind.CreateImage, ["name"],
            field => new JsonObject { ["createImage"] = new JsonObject { ["name"] = field("name") } }),
    ];

    public static ParameterAction? Find(string? name) => All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));

    /// <summary>Nova's body; an optional field left empty is not sent (rebuild keeps the server's name).</summary>
    public JsonObject Body(Func<string, string> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return BuildBody(field);
    }

    /// <summary>The field a Nova fault message is about: one it names (<c>imageRef</c>, <c>name</c>, ...), else the first.</summary>
    public string FieldOf(string? message)
    {
        var text = message ?? "";
        return Fields.FirstOrDefault(f => f != Fields[0] && text.Contains(f, StringComparison.OrdinalIgnoreCase)) ?? Fields[0];
    }
}
