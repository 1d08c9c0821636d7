using System.Net;
using OrleansCompute.Tests.Http;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Samples;

/// <summary>samples/CustomDriver: the product's own driver, plugged in through the public API, does the work.</summary>
public sealed class CustomDriverSampleTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private HostProcess _host = null!;

    private string RecordingFile => Path.Combine(_directory.Path, "operations.log");

    public async Task InitializeAsync()
    {
        _host = new HostProcess(RepositoryPaths.SampleAssembly("CustomDriver"), _directory.Path, [$"--Recording:File={RecordingFile}"]);
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Creates_lists_and_deletes_a_server_and_the_custom_driver_records_each_operation()
    {
        using var nova = NovaClient.For(_host);
        var id = await nova.CreateServerAsync("recorded-1");
        await nova.WaitForStatusAsync(id, "ACTIVE");
        (await nova.GetAsync("/v2.1/servers")).Json["servers"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).Should().Contain(id);

        (await nova.DeleteAsync($"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.NoContent);
        await Eventually.Until(async () => (await nova.GetAsync($"/v2.1/servers/{id}")).Status, s => s == HttpStatusCode.NotFound);
        (await nova.GetAsync("/v2.1/servers")).Json["servers"]!.AsArray().Should().BeEmpty();

        var lines = await File.ReadAllLinesAsync(RecordingFile);
        lines.Select(line => line.Split(' ')[1] + " " + line.Split(' ')[2]).Should().Equal($"Spawn {id}", $"Destroy {id}");
    }
}
