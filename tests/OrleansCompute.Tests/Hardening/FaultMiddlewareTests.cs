using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansCompute.Api.Faults;

namespace OrleansCompute.Tests.Hardening;

/// <summary>The last line of defence: whatever a route throws, the body names no exception type, stack or path.</summary>
public sealed class FaultMiddlewareTests
{
    public static TheoryData<Exception> Unexpected() => new()
    {
        new InvalidOperationException("Cannot read invalid UTF-16 JSON text as string. at /work/src/Secret.cs:line 12"),
        new KeyNotFoundException("The given key 'x' was not present in the dictionary."),
        new ArgumentOutOfRangeException("limit"),
        new AggregateException(new FormatException("inner")),
    };

    [Theory]
    [MemberData(nameof(Unexpected))]
    public async Task An_unexpected_exception_is_nova_s_500_with_the_generic_message_only(Exception exception)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        var middleware = new FaultMiddleware(_ => throw exception, ClusterRecoveryTests.Recovery(TimeSpan.FromSeconds(5)), NullLogger<FaultMiddleware>.Instance);

        await middleware.InvokeAsync(context);

        context.Response.StatusCode.Should().Be(500);
        context.Response.Body.Position = 0;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        FaultBody.NovaFaultName(body, 500).Should().Be("computeFault", body);
        System.Text.Json.Nodes.JsonNode.Parse(body)!["computeFault"]!["message"]!.GetValue<string>().Should().Be(
            "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.");
        FaultBody.FindInternals(body).Should().BeNull(body);
        body.Should().NotContain(exception.GetType().Name);
    }
}
