using System.Net;

namespace OrleansCompute.Testing.Tests.Faults;

/// <summary>The fault admin endpoint is not there unless the test asks for it.</summary>
public sealed class FaultAdminEndpointDefaultTests
{
    [Fact]
    public async Task Without_the_option_the_admin_path_is_not_served()
    {
        await using var compute = await ComputeTestHost.StartAsync();
        using var http = compute.CreateClient();
        http.DefaultRequestHeaders.Add(ComputeTestHost.FaultAdminTokenHeader, compute.FaultAdminToken);
        (await http.GetAsync(ComputeTestHost.FaultAdminPath)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
