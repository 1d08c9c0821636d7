using OrleansCompute.Api.Servers.Actions;

namespace OrleansCompute.Api.Policy;

/// <summary>
/// The Nova policy rule of each <c>POST /servers/{id}/action</c> body key, read from the action's row in
/// <see cref="ServerActionDescriptors"/> (which the action route uses directly).
/// </summary>
public static class ServerActionPolicies
{
    /// <summary>The rule of an action; null for a key that is not a Nova action (the route answers 400 for it).</summary>
    public static string? RuleFor(string action) => ServerActionDescriptors.Find(action)?.Policy;

    public static IEnumerable<string> Actions => ServerActionDescriptors.ByName.Keys;
}
