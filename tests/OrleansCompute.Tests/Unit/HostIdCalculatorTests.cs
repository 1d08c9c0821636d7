using System.Text;
using OrleansCompute.Scheduling;

namespace OrleansCompute.Tests.Unit;

public sealed class HostIdCalculatorTests
{
    [Theory]
    [InlineData("", "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f")]
    [InlineData("abc", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525")]
    public void Sha224_matches_the_fips_test_vectors(string message, string expected) =>
        Convert.ToHexStringLower(Sha224.Hash(Encoding.ASCII.GetBytes(message))).Should().Be(expected);

    [Fact]
    public void Sha224_handles_a_message_spanning_several_blocks() => // expected value from Python hashlib
        Convert.ToHexStringLower(Sha224.Hash(Encoding.ASCII.GetBytes(new string('a', 1000))))
            .Should().Be("4e8f0ce90b64661a2b5e84be6d93a7d9b76871062f1814433d04a03d");

    [Fact]
    public void Host_id_is_the_digest_of_project_then_host() =>
        HostIdCalculator.Compute("proj", "host1").Should().Be(Convert.ToHexStringLower(Sha224.Hash("projhost1"u8)));

    [Fact]
    public void Host_id_differs_between_projects_on_the_same_host() =>
        HostIdCalculator.Compute("a", "h").Should().NotBe(HostIdCalculator.Compute("b", "h"));

    [Fact]
    public void No_host_gives_an_empty_host_id() => HostIdCalculator.Compute("p", null).Should().BeEmpty();
}
