using Orleans.Concurrency;

namespace OrleansCompute.Networking;

/// <summary>One security group, keyed by its id: the group and its rules.</summary>
[Alias("compute.ISecurityGroupGrain")]
public interface ISecurityGroupGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<SecurityGroup?> GetAsync();

    /// <summary>
    /// Whether the group exists. A read that interleaves with other reads: every create in a project asks whether its
    /// default group exists, and should not queue behind the others' asks (issue 19).
    /// </summary>
    [Alias("Exists"), ReadOnly]
    Task<bool> ExistsAsync();

    /// <summary>Creates the group; for an existing id answers the group as it is (the default group is made this way on first use).</summary>
    [Alias("Create")]
    Task<SecurityGroup> CreateAsync(SecurityGroup group);

    [Alias("Update")]
    Task<SecurityGroup> UpdateAsync(string? name, string? description);

    [Alias("Delete")]
    Task DeleteAsync();

    /// <summary>Adds a validated rule; 409 SecurityGroupRuleExists when one allows the same traffic.</summary>
    [Alias("AddRule")]
    Task<SecurityGroupRule> AddRuleAsync(SecurityGroupRule rule);

    [Alias("DeleteRule")]
    Task DeleteRuleAsync(string ruleId);
}
