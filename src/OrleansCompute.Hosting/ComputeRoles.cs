using Microsoft.Extensions.Configuration;

namespace OrleansCompute.Hosting;

/// <summary>
/// What a process of the executable is (<c>Compute:Role</c>): a silo that also serves the API (the default), or an
/// HTTP front that only reaches the silos as an Orleans client (<see cref="ComputeClientExtensions.AddOrleansComputeClient"/>).
/// </summary>
public static class ComputeRoles
{
    public const string Key = "Compute:Role";

    /// <summary>An Orleans silo with the grains, serving the API too.</summary>
    public const string Silo = "silo";

    /// <summary>The HTTP tier apart from the silos: an Orleans client, no grains.</summary>
    public const string Front = "front";

    /// <summary>True when configuration asks for a front; an unknown role stops the process at start.</summary>
    public static bool IsFront(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var role = configuration[Key];
        if (string.IsNullOrEmpty(role) || string.Equals(role, Silo, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return string.Equals(role, Front, StringComparison.OrdinalIgnoreCase)
            ? true
            : throw new InvalidOperationException($"{Key} '{role}' is not supported; use '{Silo}' or '{Front}'.");
    }
}
