using Microsoft.AspNetCore.Http;
using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Api.Servers.Actions;

/// <summary>
/// One <c>POST /servers/{id}/action</c> body key: the action kinds it parses into, its schema, its policy rule (the
/// same <see cref="ComputePolicies"/> constant the grain's lifecycle row names) and Nova's response.
/// </summary>
internal sealed record ServerActionDescriptor
{
    /// <summary>The key in the body (<c>reboot</c>, <c>os-stop</c>, ...).</summary>
    public required string Name { get; init; }

    /// <summary>The kinds the body parses into (reboot: soft or hard); empty for a read or a retired action.</summary>
    public IReadOnlyList<ServerActionKind> Kinds { get; init; } = [];

    /// <summary>Nova's policy rule of the action, checked after the server is found.</summary>
    public required string Policy { get; init; }

    /// <summary>The rule for naming a destination host (migrate, live migrate, unshelve); null when none can be named.</summary>
    public string? HostPolicy { get; init; }

    /// <summary>Whether the caller's unlock_override decision travels with the command (unlock).</summary>
    public bool CarriesUnlockOverride { get; init; }

    /// <summary>The action's schema for the microversion: the command, or a 400/404.</summary>
    public required Func<ActionBody, ParsedServerAction> Parse { get; init; }

    /// <summary>Nova's answer once the grain accepted the action (202 without a body unless the action says otherwise).</summary>
    public Func<ActionAnswer, ValueTask<IResult>> Respond { get; init; } = ServerActionResponses.Accepted;

    /// <summary>What the command names in the network service, looked up after the policy check (security groups, floating IPs).</summary>
    public Func<Network.NetworkService, ServerActionCommand, Task<ServerActionCommand>>? Resolve { get; init; }

    /// <summary>A read that is not os-getConsoleOutput (the legacy console actions): the answer, with no grain action.</summary>
    public Func<ActionRead, Task<IResult>>? Read { get; init; }
}
