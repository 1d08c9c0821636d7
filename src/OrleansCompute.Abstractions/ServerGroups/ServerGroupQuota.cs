using OrleansCompute.Faults;

namespace OrleansCompute.ServerGroups;

/// <summary>Nova's refusal of a create that would put more servers in a group than server_group_members allows.</summary>
public static class ServerGroupQuota
{
    public static ComputeFaultException Exceeded() => ComputeFaultException.Forbidden("Quota exceeded, too many servers in group");
}
