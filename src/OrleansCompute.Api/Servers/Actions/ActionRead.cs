using Microsoft.AspNetCore.Http;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Servers.Actions;

/// <summary>What a read action (no grain command) answers from: the request, its parsed body and the server's grain.</summary>
internal sealed record ActionRead(HttpContext Context, ComputeRequest Request, ParsedServerAction Parsed, IServerGrain Server, IGrainFactory Grains);
