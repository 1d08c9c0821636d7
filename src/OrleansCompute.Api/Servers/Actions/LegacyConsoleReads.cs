using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OrleansCompute.Api.Consoles;

namespace OrleansCompute.Api.Servers.Actions;

/// <summary>The legacy console actions' answer: <c>{"console": {"type", "url"}}</c>, issued as remote-consoles issues it.</summary>
internal static class LegacyConsoleReads
{
    public static async Task<IResult> ReadAsync(ActionRead read, string protocol)
    {
        var type = read.Parsed.ConsoleType!;
        var server = await read.Server.GetAsync(read.Request.Caller);
        ConsoleTypeRules.EnsureServed(protocol, type);
        var clock = read.Context.RequestServices.GetRequiredService<TimeProvider>();
        var url = await ConsoleIssuer.IssueAsync(read.Grains, read.Context, server, type, clock);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("console");
            w.WriteString("type", type);
            w.WriteString("url", url);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}
