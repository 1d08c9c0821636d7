using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using OrleansCompute.Api;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Servers;
using OrleansCompute.Catalog;
using OrleansCompute.Identity;
using OrleansCompute.Images;
using OrleansCompute.Servers;

namespace OrleansCompute.MicroBenchmarks;

/// <summary>Rendering one server's full view (show) per microversion, and a page of 1000 for list detail.</summary>
[MemoryDiagnoser]
public class ViewRenderingBenchmarks
{
    // The sample servers boot from the configured image: the lookup finds it in the catalog and never asks a grain.
    private readonly ServerViewWriter _views = new(new ImageLookup(new ComputeCatalog(Options.Create(new CatalogOptions())), grains: null!, index: null!));
    private readonly ServerSnapshot _server = SampleServers.Active();
    private readonly ServerSnapshot[] _page = Enumerable.Range(0, 1000).Select(SampleServers.Active).ToArray();
    // Reused with its capacity, written to directly: the figures are the views' own time and allocations, not the
    // growth of a writer buffer (the service writes into pooled blocks, see JsonResponse).
    private readonly ArrayBufferWriter<byte> _buffer = new(4 * 1024 * 1024);
    private ComputeRequest _request = null!;

    [Params("2.1", "2.47", "2.86")]
    public string Microversion { get; set; } = "2.1";

    [Params(false, true)]
    public bool Admin { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var version = ApiVersion.TryParse(Microversion, out var parsed) ? parsed : throw new ArgumentException(Microversion);
        var caller = new CallerContext { UserId = "demo", ProjectId = _server.ProjectId, Roles = Admin ? ["admin"] : ["member"], RequestId = "req-bench" };
        _request = new ComputeRequest(version, caller, new ComputeLinks("http://127.0.0.1:8774", null));
    }

    [Benchmark]
    public long Show()
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer);
        _views.WriteFull(writer, _server, _request, ServerViewKind.Show);
        writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public long DetailPageOf1000()
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer);
        writer.WriteStartArray();
        foreach (var server in _page)
        {
            _views.WriteFull(writer, server, _request, ServerViewKind.Detail);
        }

        writer.WriteEndArray();
        writer.Flush();
        return _buffer.WrittenCount;
    }
}
