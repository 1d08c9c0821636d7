namespace OrleansCompute.Api.Policy;

/// <summary>Policy configuration (<c>Compute:Policy</c>), as oslo.policy's <c>[oslo_policy]</c> section.</summary>
public sealed class ComputePolicyOptions
{
    public const string SectionName = "Compute:Policy";

    /// <summary>
    /// A YAML (or JSON) file of <c>"rule name": "check string"</c> overrides, like Nova's <c>policy.yaml</c>.
    /// Empty: Nova's defaults only. A configured file that is missing or malformed stops the host at start.
    /// </summary>
    public string File { get; set; } = "";
}
