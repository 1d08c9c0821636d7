using System.Text.Json.Nodes;
using OrleansCompute.Tests.Identity;

namespace OrleansCompute.Tests.Unit;

public sealed class OpenStackCliOutputTests
{
    [Fact]
    public void The_progress_line_of_create_wait_is_not_part_of_the_json_document()
    {
        var stdout = "\rProgress: 0\rProgress: 50\rProgress: 100\n{\n  \"id\": \"abc\",\n  \"status\": \"ACTIVE\"\n}\n";
        JsonNode.Parse(OpenStackCli.JsonDocumentOf(stdout))!["status"]!.GetValue<string>().Should().Be("ACTIVE");
    }

    [Fact]
    public void Output_that_is_only_json_is_kept_whole()
    {
        const string stdout = "[\n  {\"Name\": \"m1.tiny\"}\n]\n";
        OpenStackCli.JsonDocumentOf(stdout).Should().Be(stdout);
    }
}
