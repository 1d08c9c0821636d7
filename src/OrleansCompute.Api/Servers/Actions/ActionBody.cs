using System.Text.Json;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Identity;

namespace OrleansCompute.Api.Servers.Actions;

/// <summary>One action body's key and value, with what its schema depends on (the microversion, the caller).</summary>
internal readonly record struct ActionBody(string Name, JsonElement Value, ApiVersion Version, CallerContext Caller);
