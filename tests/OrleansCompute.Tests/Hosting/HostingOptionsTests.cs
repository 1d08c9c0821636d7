using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansCompute.Driver;
using OrleansCompute.Hosting;
using OrleansCompute.Quotas;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Hosting;

/// <summary>
/// <c>AddOrleansCompute</c> the options way: options are validated when the host starts, code-set values are applied
/// after configuration without being written into it, nothing is created on disk while services are registered, and
/// a second call registers nothing twice.
/// </summary>
public sealed class HostingOptionsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_bogus_mode_stops_the_host_at_start_with_one_message_naming_the_key_and_the_modes()
    {
        var data = Path.Combine(_directory.Path, "data");
        var builder = Builder(data, "--Compute:Mode=bogus");
        builder.AddOrleansCompute();
        await using var app = builder.Build();

        var start = () => app.StartAsync();

        var failure = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;
        failure.Message.Should().Be("Compute:Mode 'bogus' is not supported; use 'embedded' or 'cluster'.");
        Directory.Exists(data).Should().BeFalse("the data directory is made by the service that uses it, at its start");
    }

    [Fact]
    public async Task A_wrong_value_of_a_grain_option_stops_the_host_at_start_naming_its_key()
    {
        var builder = Builder(Path.Combine(_directory.Path, "data"), "--Compute:Reservations:Parallelism=0");
        builder.AddOrleansCompute();
        await using var app = builder.Build();

        var start = () => app.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message
            .Should().Be("Compute:Reservations:Parallelism must be at least 1.");
    }

    [Fact]
    public void Calling_AddOrleansCompute_twice_registers_once_and_applies_the_second_call_choices()
    {
        var builder = Builder(Path.Combine(_directory.Path, "data"));
        builder.AddOrleansCompute();
        var registered = Registrations(builder.Services);

        builder.AddOrleansCompute(compute => compute.DefaultQuotas = new QuotaLimits { Instances = 3 });

        Registrations(builder.Services).Should().Equal(registered, "the second call adds only its post-configuration");
        builder.Services.Count(d => d.ServiceType == typeof(IComputeDriver)).Should().Be(1);
        using var services = builder.Services.BuildServiceProvider();
        services.GetRequiredService<IOptions<QuotaLimits>>().Value.Instances.Should().Be(3);
        services.GetRequiredService<IOptions<QuotaLimits>>().Value.Cores.Should().Be(new QuotaLimits().Cores);
    }

    [Fact]
    public void Code_set_values_win_over_configuration_without_being_written_into_it()
    {
        var builder = Builder(Path.Combine(_directory.Path, "data"), "--Compute:Quota:Cores=7", "--Compute:ClusterId=configured");
        var chosen = Path.Combine(_directory.Path, "chosen");

        builder.AddOrleansCompute(compute =>
        {
            compute.UseEmbeddedStorage(chosen);
            compute.DefaultQuotas = new QuotaLimits { Instances = 4, Cores = 8 };
        });

        builder.Configuration["Compute:Quota:Instances"].Should().BeNull();
        builder.Configuration["Compute:DataDirectory"].Should().NotBe(chosen);
        using var services = builder.Services.BuildServiceProvider();
        var quotas = services.GetRequiredService<IOptions<QuotaLimits>>().Value;
        (quotas.Instances, quotas.Cores).Should().Be((4, 8));
        var hosting = services.GetRequiredService<IOptions<ComputeOptions>>().Value;
        hosting.DataDirectory.Should().Be(chosen);
        hosting.ClusterId.Should().Be("configured", "what code left alone still comes from configuration");
        Directory.Exists(chosen).Should().BeFalse("nothing is created while services are registered");
    }

    [Fact]
    public void The_silo_collects_an_idle_port_after_the_same_short_age_as_an_idle_server()
    {
        var builder = Builder(Path.Combine(_directory.Path, "data"));
        builder.AddOrleansCompute();

        using var services = builder.Services.BuildServiceProvider();
        var collection = services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;
        collection.ClassSpecificCollectionAge.Should().Contain(
            typeof(OrleansCompute.Networking.PortGrain).FullName!, TimeSpan.FromMinutes(OrleansCompute.Servers.ServerGrain.IdleMinutes));
        collection.CollectionAge.Should().Be(TimeSpan.FromMinutes(15), "every other grain keeps Orleans' default");
    }

    [Fact]
    public async Task A_twice_added_silo_starts_and_serves_the_code_set_quotas()
    {
        var port = FreePort.Next();
        var builder = Builder(Path.Combine(_directory.Path, "data"));
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddOrleansCompute();
        builder.AddOrleansCompute(compute => compute.DefaultQuotas = new QuotaLimits { Instances = 3 });
        await using var app = builder.Build();
        app.MapOrleansCompute();
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            http.DefaultRequestHeaders.Add("X-Auth-Token", "demo:demo");
            using var response = await http.GetAsync("/v2.1/os-quota-sets/demo/defaults");
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.OK, body);
            System.Text.Json.Nodes.JsonNode.Parse(body)!["quota_set"]!["instances"]!.GetValue<int>().Should().Be(3);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static WebApplicationBuilder Builder(string dataDirectory, params string[] arguments) =>
        WebApplication.CreateBuilder([
            $"--Compute:DataDirectory={dataDirectory}",
            $"--Compute:SiloPort={FreePort.Next()}",
            $"--Compute:GatewayPort={FreePort.Next()}",
            "--Compute:Auth:Mode=noauth",
            .. arguments,
        ]);

    /// <summary>Every registration but post-configurations, by service and implementation.</summary>
    private static List<string> Registrations(IServiceCollection services) =>
    [
        .. services
            .Where(d => !(d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IPostConfigureOptions<>)))
            .Select(d => d.IsKeyedService
                ? $"{d.ServiceType} [{d.ServiceKey}] {d.KeyedImplementationType ?? d.KeyedImplementationInstance?.GetType()}"
                : $"{d.ServiceType} {d.ImplementationType ?? d.ImplementationInstance?.GetType()}"),
    ];
}
