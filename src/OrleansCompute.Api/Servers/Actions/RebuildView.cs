using System.Text.Json;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Servers.Actions;

/// <summary>
/// The server view a rebuild answers with, rendered by <see cref="ServerViewWriter.WriteRebuild"/>: below 2.75
/// Nova's shorter view with <c>adminPass</c>, <c>key_name</c> (2.54), <c>user_data</c> (2.57) and
/// <c>server_groups</c> (2.71); from 2.75 the show view with those, checked against Nova's api samples.
/// </summary>
internal static class RebuildView
{
    public static void Write(Utf8JsonWriter writer, ServerViewWriter views, ServerSnapshot server, ComputeRequest request, string? adminPass) =>
        views.WriteRebuild(writer, server, request, adminPass);
}
