using OrleansCompute.Servers;

namespace OrleansCompute.Api.Servers.Actions;

/// <summary>What an action's response is made from: the request, the validated body and the server after the action.</summary>
internal sealed record ActionAnswer(ComputeRequest Request, ParsedServerAction Parsed, ServerSnapshot Server, ServerViewWriter Views, ComputeApiOptions Settings);
