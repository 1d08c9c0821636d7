using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using OrleansCompute.Testing.Http;

namespace OrleansCompute.Testing.Tests.Faults;

/// <summary>HTTP fault rules seen by a .NET client over the in-memory transport: status, latency, dropped connection, counts, probability, the admin endpoint.</summary>
public sealed class HttpFaultTests : IAsyncLifetime
{
    private ComputeTestHost _compute = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _compute = await ComputeTestHost.StartAsync(o => o.EnableFaultAdminEndpoint = true);
        _http = _compute.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _compute.DisposeAsync();
    }

    [Fact]
    public async Task A_status_rule_answers_with_novas_fault_body_as_many_times_as_it_says()
    {
        var fault = _compute.Faults.Add(HttpFaultRule.Respond("GET", "/v2.1/servers", 503) with { Times = 2, RetryAfterSeconds = 3, Message = "maintenance" });

        for (var i = 0; i < 2; i++)
        {
            using var failed = await _http.GetAsync("/v2.1/servers");
            failed.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            failed.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(3));
            var body = await NovaCalls.SendAsync(_http, HttpMethod.Get, "/v2.1/os-hypervisors/detail");
            body.Status.Should().NotBe(HttpStatusCode.ServiceUnavailable, "another route is not affected");
            (await failed.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["serviceUnavailable"]!["message"]!.GetValue<string>().Should().Be("maintenance");
        }

        (await NovaCalls.SendAsync(_http, HttpMethod.Get, "/v2.1/servers")).Status.Should().Be(HttpStatusCode.OK, "the rule was used up");
        fault.Applied.Should().Be(2);
        _compute.Requests.Matching("GET", "/v2.1/servers").Select(r => (r.Status, r.FaultId)).Should().Equal((503, fault.Id), (503, fault.Id), (200, null));
    }

    [Fact]
    public async Task A_route_template_matches_any_server_and_only_the_given_method()
    {
        var id = await NovaCalls.CreateServerAsync(_http, "templated");
        _compute.Faults.Add(HttpFaultRule.Respond("POST", "/v2.1/servers/{id}/action", 409));

        (await NovaCalls.SendAsync(_http, HttpMethod.Post, $"/v2.1/servers/{id}/action", """{"os-stop": null}"""))
            .Json!["conflictingRequest"]!["code"]!.GetValue<int>().Should().Be(409);
        (await NovaCalls.SendAsync(_http, HttpMethod.Get, $"/v2.1/servers/{id}")).Status.Should().Be(HttpStatusCode.OK);
        _compute.Faults.Clear();
    }

    [Fact]
    public async Task A_latency_rule_delays_the_answer_and_lets_the_endpoint_answer()
    {
        _compute.Faults.Add(HttpFaultRule.Delay("GET", "/v2.1/flavors", TimeSpan.FromMilliseconds(700)) with { Times = 1 });

        var watch = Stopwatch.StartNew();
        using var response = await _http.GetAsync("/v2.1/flavors");
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(700));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_drop_rule_ends_the_request_without_an_answer()
    {
        _compute.Faults.Add(HttpFaultRule.Drop("GET", "/v2.1/images") with { Times = 1 });

        var act = () => _http.GetAsync("/v2.1/images");
        await act.Should().ThrowAsync<Exception>("the connection was dropped");
        (await NovaCalls.SendAsync(_http, HttpMethod.Get, "/v2.1/images")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_rule_with_probability_zero_never_applies_and_one_with_probability_one_always_does()
    {
        var never = _compute.Faults.Add(HttpFaultRule.Respond("GET", "/v2.1/os-keypairs", 500) with { Probability = 0 });
        for (var i = 0; i < 5; i++)
        {
            (await NovaCalls.SendAsync(_http, HttpMethod.Get, "/v2.1/os-keypairs")).Status.Should().Be(HttpStatusCode.OK);
        }

        never.Applied.Should().Be(0);
        _compute.Faults.Remove(never.Id).Should().BeTrue();
        var always = _compute.Faults.Add(HttpFaultRule.Respond("GET", "/v2.1/os-keypairs", 500) with { Probability = 1 });
        (await NovaCalls.SendAsync(_http, HttpMethod.Get, "/v2.1/os-keypairs")).Json!["computeFault"]!["code"]!.GetValue<int>().Should().Be(500);
        _compute.Faults.Remove(always.Id);
    }

    [Fact]
    public void A_rule_that_could_never_apply_is_refused()
    {
        var act = () => _compute.Faults.Add(new HttpFaultRule { Path = "/v2.1/servers", Status = 200 });
        act.Should().Throw<ArgumentOutOfRangeException>();
        act = () => _compute.Faults.Add(new HttpFaultRule { Path = "/v2.1/servers" });
        act.Should().Throw<ArgumentException>("a rule without a status, latency or drop does nothing");
    }

    [Fact]
    public async Task The_admin_endpoint_adds_lists_and_clears_rules_for_the_token_holder_only()
    {
        using var admin = new HttpClient(_compute.CreateHandler()) { BaseAddress = _compute.BaseAddress };
        (await admin.GetAsync(ComputeTestHost.FaultAdminPath)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        admin.DefaultRequestHeaders.Add(ComputeTestHost.FaultAdminTokenHeader, _compute.FaultAdminToken);

        using var added = await admin.PostAsJsonAsync(ComputeTestHost.FaultAdminPath, new { method = "GET", path = "/v2.1/os-availability-zone", status = 503, times = 1 });
        added.StatusCode.Should().Be(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        (await NovaCalls.SendAsync(_http, HttpMethod.Get, "/v2.1/os-availability-zone")).Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        var listed = await admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>(ComputeTestHost.FaultAdminPath);
        listed!.Should().ContainSingle().Which!["applied"]!.GetValue<int>().Should().Be(1);

        using var bad = await admin.PostAsJsonAsync(ComputeTestHost.FaultAdminPath, new { path = "/v2.1/servers", probability = 2 });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await admin.DeleteAsync(ComputeTestHost.FaultAdminPath)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        _compute.Faults.Rules.Should().BeEmpty();
    }
}
