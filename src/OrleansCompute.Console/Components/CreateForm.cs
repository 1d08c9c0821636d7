namespace OrleansCompute.WebConsole.Components;

/// <summary>What the person typed into the create form, and Nova's messages by the field they belong to.</summary>
public sealed record CreateForm
{
    public string Name { get; init; } = "";
    public string Flavor { get; init; } = "";
    public string Image { get; init; } = "";
    public string Network { get; init; } = "auto";
    public string KeyName { get; init; } = "";
    public string SecurityGroups { get; init; } = "";
    public string Count { get; init; } = "1";
    public string UserData { get; init; } = "";
    public string Metadata { get; init; } = "";
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();
}
