using System.Text;
using OrleansCompute.Api;

namespace OrleansCompute.Tests.Hardening;

/// <summary>The one reader every JSON body goes through: text that is not Unicode is refused with malformed JSON.</summary>
public sealed class WellFormedJsonTests
{
    [Theory]
    [InlineData("""{"a": "\ud800"}""")]
    [InlineData("""{"a": "x\udc00y"}""")]
    [InlineData("""{"\ud83d": 1}""")]
    [InlineData("""[[[{"deep": ["\udfff"]}]]]""")]
    [InlineData("""{"a": "\ud800\ud800"}""")]
    [InlineData("""{"a": 1""")]
    public void Bodies_with_unreadable_strings_or_bad_json_are_refused(string json) =>
        WellFormedJson.TryParse(Encoding.UTF8.GetBytes(json)).Should().BeNull();

    [Theory]
    [InlineData(new byte[] { (byte)'"', 0xFF, (byte)'"' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xC0, 0x80, (byte)'"', (byte)':', (byte)'1', (byte)'}' })]
    [InlineData(new byte[] { (byte)'"', 0xED, 0xA0, 0x80, (byte)'"' })]
    public void Bodies_that_are_not_utf8_are_refused(byte[] body) =>
        WellFormedJson.TryParse(body).Should().BeNull();

    [Fact]
    public void Nesting_past_the_depth_limit_is_refused() =>
        WellFormedJson.TryParse(Encoding.UTF8.GetBytes(new string('[', 65) + new string(']', 65))).Should().BeNull();

    [Theory]
    [InlineData("""{"a": "\ud83d\ude00", "b": ["é", "\u00e9"], "c": {"d": null}}""")]
    [InlineData("""{"a": 1, "a": 2}""")]
    [InlineData("null")]
    public void Well_formed_bodies_are_parsed(string json)
    {
        using var document = WellFormedJson.TryParse(Encoding.UTF8.GetBytes(json));
        document.Should().NotBeNull();
    }
}
