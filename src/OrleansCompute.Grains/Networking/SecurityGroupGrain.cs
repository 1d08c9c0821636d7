namespace OrleansCompute.Networking;

/// <summary>One security group and its rules; each change writes the state, then the group's and rules' index rows.</summary>
[GrainType("compute-security-group")]
internal sealed class SecurityGroupGrain(
    [PersistentState("security-group", ComputeStorage.ProviderName)] IPersistentState<SecurityGroupState> state,
    INeutronIndex index,
    ComputeClock clock) : Grain, ISecurityGroupGrain
{
    private string Id => this.GetPrimaryKeyString();

    public Task<SecurityGroup?> GetAsync() => Task.FromResult(state.State.Group);

    public Task<bool> ExistsAsync() => Task.FromResult(state.State.Group is not null);

    public async Task<SecurityGroup> CreateAsync(SecurityGroup group)
    {
        if (state.State.Group is { } existing)
        {
            return existing;
        }

        var now = Now;
        state.State.Group = group with
        {
            Id = Id,
            Rules = group.Rules.Select(r => r with { SecurityGroupId = Id, CreatedAt = now, UpdatedAt = now, RevisionNumber = 1 }).ToList(),
            CreatedAt = now,
            UpdatedAt = now,
            RevisionNumber = 1,
        };
        await state.WriteStateAsync();
        await index.UpsertAsync(NeutronIndexRows.For(state.State.Group));
        foreach (var rule in state.State.Group.Rules)
        {
            await index.UpsertAsync(NeutronIndexRows.For(rule));
        }

        return state.State.Group;
    }

    public async Task<SecurityGroup> UpdateAsync(string? name, string? description)
    {
        var group = Group;
        if (name is not null && name != group.Name && group.Name == SecurityGroupDefaults.DefaultName)
        {
            throw NeutronFaultException.Conflict("SecurityGroupCannotUpdateDefault", "Updating default security group not allowed.");
        }

        state.State.Group = group with
        {
            Name = name ?? group.Name, Description = description ?? group.Description, UpdatedAt = Now, RevisionNumber = group.RevisionNumber + 1,
        };
        await CommitAsync();
        return state.State.Group;
    }

    public async Task DeleteAsync()
    {
        var group = Group;
        state.State.Group = null;
        await state.WriteStateAsync();
        foreach (var rule in group.Rules)
        {
            await index.DeleteAsync(NeutronKinds.SecurityGroupRule, rule.Id);
        }

        await index.DeleteAsync(NeutronKinds.SecurityGroup, Id);
    }

    public async Task<SecurityGroupRule> AddRuleAsync(SecurityGroupRule rule)
    {
        var group = Group;
        if (group.Rules.FirstOrDefault(r => r.Id == rule.Id) is { } retried)
        {
            return retried;
        }

        if (group.Rules.FirstOrDefault(r => r.SameTrafficAs(rule)) is { } existing)
        {
            throw NeutronFaultException.Conflict("SecurityGroupRuleExists", $"Security group rule already exists. Rule id is {existing.Id}.");
        }

        var now = Now;
        var added = rule with { SecurityGroupId = Id, CreatedAt = now, UpdatedAt = now, RevisionNumber = 1 };
        state.State.Group = group with { Rules = [.. group.Rules, added], UpdatedAt = now, RevisionNumber = group.RevisionNumber + 1 };
        await CommitAsync();
        await index.UpsertAsync(NeutronIndexRows.For(added));
        return added;
    }

    public async Task DeleteRuleAsync(string ruleId)
    {
        var group = Group;
        if (group.Rules.All(r => r.Id != ruleId))
        {
            throw NeutronFaultException.RuleNotFound(ruleId);
        }

        state.State.Group = group with
        {
            Rules = group.Rules.Where(r => r.Id != ruleId).ToList(), UpdatedAt = Now, RevisionNumber = group.RevisionNumber + 1,
        };
        await CommitAsync();
        await index.DeleteAsync(NeutronKinds.SecurityGroupRule, ruleId);
    }

    private SecurityGroup Group => state.State.Group ?? throw NeutronFaultException.SecurityGroupNotFound(Id);

    private DateTimeOffset Now => DateTimeOffset.FromUnixTimeSeconds(clock.UtcNow.ToUnixTimeSeconds());

    private async Task CommitAsync()
    {
        await state.WriteStateAsync();
        await index.UpsertAsync(NeutronIndexRows.For(Group));
    }
}
