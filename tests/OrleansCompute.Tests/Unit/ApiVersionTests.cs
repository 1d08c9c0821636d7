using Microsoft.AspNetCore.Http;
using OrleansCompute.Api.Microversions;

namespace OrleansCompute.Tests.Unit;

public sealed class ApiVersionTests
{
    [Theory]
    [InlineData("2.1", 2, 1)]
    [InlineData("2.47", 2, 47)]
    [InlineData("2.0", 2, 0)]
    [InlineData("10.100", 10, 100)]
    public void Parses_well_formed_versions(string text, int major, int minor)
    {
        ApiVersion.TryParse(text, out var version).Should().BeTrue();
        version.Should().Be(new ApiVersion(major, minor));
    }

    [Theory]
    [InlineData("2.01")]
    [InlineData("2")]
    [InlineData("2.1.0")]
    [InlineData("v2.1")]
    [InlineData("Latest")]
    [InlineData("02.1")]
    [InlineData("")]
    public void Rejects_what_nova_rejects(string text) => ApiVersion.TryParse(text, out _).Should().BeFalse();

    [Fact]
    public void Orders_by_minor_numerically() => (new ApiVersion(2, 9) < new ApiVersion(2, 10)).Should().BeTrue();

    [Fact]
    public void The_compute_entry_of_the_standard_header_wins_over_the_legacy_header()
    {
        var headers = new HeaderDictionary
        {
            ["OpenStack-API-Version"] = "volume 3.0, compute 2.20, compute 2.30",
            ["X-OpenStack-Nova-API-Version"] = "2.5",
        };
        MicroversionHeaders.RequestedVersion(headers).Should().Be("2.30");
    }

    [Fact]
    public void The_legacy_header_is_used_when_the_standard_one_names_no_compute_entry()
    {
        var headers = new HeaderDictionary
        {
            ["OpenStack-API-Version"] = "volume 3.0",
            ["X-OpenStack-Nova-API-Version"] = "2.4, 2.6",
        };
        MicroversionHeaders.RequestedVersion(headers).Should().Be("2.6");
    }

    [Fact]
    public void No_header_means_no_requested_version() => MicroversionHeaders.RequestedVersion(new HeaderDictionary()).Should().BeNull();
}
