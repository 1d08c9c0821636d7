namespace OrleansCompute.ServerGroups;

/// <summary>Nova's hard group policies over the members' hosts; the soft ones only weigh, never refuse.</summary>
public static class ServerGroupPolicy
{
    public static bool Allows(ServerGroup group, IReadOnlyDictionary<Guid, string?> members)
    {
        var hosts = members.Values.OfType<string>().ToList();
        return group.Policy switch
        {
            ServerGroup.Affinity => hosts.Distinct(StringComparer.Ordinal).Count() <= 1,
            ServerGroup.AntiAffinity => hosts.GroupBy(h => h, StringComparer.Ordinal).All(g => g.Count() <= (group.MaxServerPerHost ?? 1)),
            _ => true,
        };
    }
}
