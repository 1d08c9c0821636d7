using OrleansCompute.Api.Policy;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Api.Servers.Actions;

/// <summary>
/// The policy rules of an action beyond its own (which the route checks first): a destination host on migrate,
/// live migrate and unshelve, and unlock_override. The decisions travel in the command, so the grain applies the
/// configured policy rather than Nova's hard-coded defaults.
/// </summary>
internal static class ActionPolicy
{
    public static ServerActionCommand Apply(ComputeRequest request, ServerActionDescriptor descriptor, ServerActionCommand command)
    {
        if (command.Host is not null && descriptor.HostPolicy is { } hostRule)
        {
            request.Authorize(hostRule);
        }

        return command with
        {
            PolicyChecked = true,
            MayOverrideLock = descriptor.CarriesUnlockOverride && request.IsAllowed(ComputePolicies.UnlockOverride),
        };
    }
}
