using System.Diagnostics;
using System.Text.Json.Nodes;
using OrleansCompute.Tests.Infrastructure;

namespace OrleansCompute.Tests.Network;

/// <summary>
/// The real clients against the network service: python-openstackclient and openstacksdk find it through the
/// catalog (<c>network</c>), make a network, subnet, security group with a rule and a port, boot servers on them
/// and associate a floating IP. The assertions read the clients' own output.
/// </summary>
[CollectionDuration(240)]
public sealed class NetworkClientTests(NetworkClientFixture fixture) : IClassFixture<NetworkClientFixture>
{
    private const string Demo = "orleanscompute-demo";
    private const string Admin = "orleanscompute-admin";
    private const string Image = "cirros-0.6.2-x86_64-disk";

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 7)];

    [Fact]
    public async Task The_openstack_cli_builds_a_network_boots_on_it_and_associates_a_floating_ip()
    {
        var cli = fixture.Cli;
        var external = Unique("public");
        await cli.OpenStackAsync(Admin, "network", "create", "--external", external);
        await cli.OpenStackAsync(Admin, "subnet", "create", "--network", external, "--subnet-range", "203.0.113.0/24", "--no-dhcp", external + "-v4");

        var net = Unique("net");
        var network = await cli.OpenStackJsonAsync(Demo, "network", "create", net);
        network["status"]!.GetValue<string>().Should().Be("ACTIVE");
        var subnet = await cli.OpenStackJsonAsync(Demo, "subnet", "create", "--network", net, "--subnet-range", "10.61.0.0/24", "--dns-nameserver", "10.61.0.53", net + "-v4");
        subnet["gateway_ip"]!.GetValue<string>().Should().Be("10.61.0.1");
        var group = Unique("web");
        await cli.OpenStackAsync(Demo, "security", "group", "create", group);
        var rule = await cli.OpenStackJsonAsync(Demo, "security", "group", "rule", "create", "--protocol", "tcp", "--dst-port", "22", group);
        rule["port_range_min"]!.GetValue<int>().Should().Be(22);
        var port = await cli.OpenStackJsonAsync(Demo, "port", "create", "--network", net, "--fixed-ip", "ip-address=10.61.0.40", Unique("port"));
        var portId = port["id"]!.GetValue<string>();

        var onNetwork = await cli.OpenStackJsonAsync(Demo, "server", "create", "--flavor", "m1.tiny", "--image", Image, "--network", net, "--security-group", group, "--wait", Unique("vm"));
        onNetwork["status"]!.GetValue<string>().Should().Be("ACTIVE");
        var serverId = onNetwork["id"]!.GetValue<string>();
        var onPort = await cli.OpenStackJsonAsync(Demo, "server", "create", "--flavor", "m1.tiny", "--image", Image, "--nic", $"port-id={portId}", "--wait", Unique("vm"));
        onPort["addresses"]!.ToJsonString().Should().Contain("10.61.0.40");

        var ports = await cli.OpenStackJsonAsync(Demo, "port", "list", "--server", serverId);
        var serverPort = ports.AsArray().Should().ContainSingle().Subject!;
        var shownPort = await cli.OpenStackJsonAsync(Demo, "port", "show", serverPort["ID"]!.GetValue<string>());
        shownPort["security_group_ids"]!.ToJsonString().Should().Contain(
            (await cli.OpenStackJsonAsync(Demo, "security", "group", "show", group))["id"]!.GetValue<string>());

        var floating = await cli.OpenStackJsonAsync(Demo, "floating", "ip", "create", external);
        var address = floating["floating_ip_address"]!.GetValue<string>();
        address.Should().StartWith("203.0.113.");
        await cli.OpenStackAsync(Demo, "server", "add", "floating", "ip", serverId, address);
        var associated = await cli.OpenStackJsonAsync(Demo, "floating", "ip", "show", address);
        associated["port_id"]!.GetValue<string>().Should().Be(serverPort["ID"]!.GetValue<string>());
        // The floating IP shows in the server's addresses, and security groups change on the server's ports (Nova's action).
        (await cli.OpenStackJsonAsync(Demo, "server", "show", serverId))["addresses"]!.ToJsonString().Should().Contain(address);
        await cli.OpenStackAsync(Demo, "server", "add", "security", "group", serverId, "default");
        (await cli.OpenStackJsonAsync(Demo, "server", "show", serverId))["security_groups"]!.ToJsonString().Should().Contain("default").And.Contain(group);
        (await cli.OpenStackJsonAsync(Demo, "port", "show", serverPort["ID"]!.GetValue<string>()))["security_group_ids"]!.AsArray().Should().HaveCount(2);
        await cli.OpenStackAsync(Demo, "server", "remove", "security", "group", serverId, group);
        (await cli.OpenStackJsonAsync(Demo, "server", "show", serverId))["security_groups"]!.ToJsonString().Should().NotContain(group);

        var conflict = await cli.TryOpenStackAsync(Demo, "port", "delete", portId);
        conflict.ExitCode.Should().NotBe(0, "a port a server owns cannot be deleted");
    }

    [Fact]
    public async Task The_openstack_cli_adds_and_removes_a_port_and_a_network_on_a_running_server()
    {
        var cli = fixture.Cli;
        var net = Unique("ifnet");
        await cli.OpenStackAsync(Demo, "network", "create", net);
        await cli.OpenStackAsync(Demo, "subnet", "create", "--network", net, "--subnet-range", "10.63.0.0/24", net + "-v4");
        var port = await cli.OpenStackJsonAsync(Demo, "port", "create", "--network", net, "--fixed-ip", "ip-address=10.63.0.30", Unique("port"));
        var portId = port["id"]!.GetValue<string>();
        var server = await cli.OpenStackJsonAsync(Demo, "server", "create", "--flavor", "m1.tiny", "--image", Image, "--network", net, "--wait", Unique("vm"));
        var serverId = server["id"]!.GetValue<string>();

        await cli.OpenStackAsync(Demo, "server", "add", "port", serverId, portId);
        (await cli.OpenStackJsonAsync(Demo, "port", "show", portId))["device_id"]!.GetValue<string>().Should().Be(serverId);
        (await cli.OpenStackJsonAsync(Demo, "server", "show", serverId))["addresses"]!.ToJsonString().Should().Contain("10.63.0.30");
        await cli.OpenStackAsync(Demo, "server", "add", "network", serverId, net);
        (await cli.OpenStackJsonAsync(Demo, "port", "list", "--server", serverId)).AsArray().Should().HaveCount(3);

        await cli.OpenStackAsync(Demo, "server", "remove", "port", serverId, portId);
        (await cli.OpenStackJsonAsync(Demo, "port", "show", portId))["device_id"]!.GetValue<string>().Should().Be("");
        (await cli.OpenStackJsonAsync(Demo, "server", "show", serverId))["addresses"]!.ToJsonString().Should().NotContain("10.63.0.30");
        (await cli.OpenStackJsonAsync(Demo, "port", "list", "--server", serverId)).AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task Openstacksdk_does_the_same_through_conn_network_and_conn_compute()
    {
        var script = """
            import json, openstack
            conn = openstack.connect(cloud="orleanscompute-demo")
            admin = openstack.connect(cloud="orleanscompute-admin")
            ext = admin.network.create_network(name="sdk-public", is_router_external=True)
            admin.network.create_subnet(network_id=ext.id, ip_version=4, cidr="198.51.100.0/24", is_dhcp_enabled=False)
            net = conn.network.create_network(name="sdk-net")
            sub = conn.network.create_subnet(network_id=net.id, ip_version=4, cidr="10.62.0.0/24", name="sdk-sub")
            sg = conn.network.create_security_group(name="sdk-web")
            rule = conn.network.create_security_group_rule(security_group_id=sg.id, direction="ingress", protocol="tcp", port_range_min=80, port_range_max=80)
            port = conn.network.create_port(network_id=net.id, fixed_ips=[{"subnet_id": sub.id, "ip_address": "10.62.0.50"}])
            image = conn.image.find_image("cirros-0.6.2-x86_64-disk")
            flavor = conn.compute.find_flavor("m1.tiny")
            a = conn.compute.create_server(name="sdk-a", image_id=image.id, flavor_id=flavor.id, networks=[{"uuid": net.id}], security_groups=[{"name": "sdk-web"}])
            a = conn.compute.wait_for_server(a, wait=60)
            b = conn.compute.create_server(name="sdk-b", image_id=image.id, flavor_id=flavor.id, networks=[{"port": port.id}])
            b = conn.compute.wait_for_server(b, wait=60)
            a_port = next(conn.network.ports(device_id=a.id))
            fip = conn.network.create_ip(floating_network_id=ext.id)
            fip = conn.network.update_ip(fip, port_id=a_port.id)
            print(json.dumps({
                "a_status": a.status, "b_status": b.status,
                "a_addresses": a.addresses, "b_addresses": b.addresses,
                "a_port_groups": a_port.security_group_ids, "sg": sg.id, "rule_protocol": rule.protocol,
                "fip": fip.floating_ip_address, "fip_port": fip.port_id, "a_port": a_port.id,
                "networks": [n.name for n in conn.network.networks()],
            }))
            """;
        var output = JsonNode.Parse(await RunPythonAsync(script))!;

        output["a_status"]!.GetValue<string>().Should().Be("ACTIVE");
        output["b_status"]!.GetValue<string>().Should().Be("ACTIVE");
        output["a_addresses"]!["sdk-net"]!.AsArray().Should().ContainSingle().Which!["addr"]!.GetValue<string>().Should().StartWith("10.62.0.");
        output["b_addresses"]!["sdk-net"]!.AsArray().Should().ContainSingle().Which!["addr"]!.GetValue<string>().Should().Be("10.62.0.50");
        output["a_port_groups"]!.AsArray().Select(g => g!.GetValue<string>()).Should().Equal(output["sg"]!.GetValue<string>());
        output["rule_protocol"]!.GetValue<string>().Should().Be("tcp");
        output["fip"]!.GetValue<string>().Should().StartWith("198.51.100.");
        output["fip_port"]!.GetValue<string>().Should().Be(output["a_port"]!.GetValue<string>());
        output["networks"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Contain(["sdk-net", "sdk-public", "private"]);
    }

    /// <summary>
    /// The interpreter the installed openstack CLI runs on (its shebang): openstacksdk is installed beside it
    /// (tests/prerequisites.sh), whatever other python3 comes first on PATH.
    /// </summary>
    private static string OpenStackPython()
    {
        var cli = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(directory => Path.Combine(directory, "openstack"))
            .FirstOrDefault(File.Exists);
        var shebang = cli is null ? "" : File.ReadLines(cli).FirstOrDefault() ?? "";
        return shebang.StartsWith("#!", StringComparison.Ordinal) ? shebang[2..].Trim().Split(' ')[0] : "python3";
    }

    private async Task<string> RunPythonAsync(string script)
    {
        var info = new ProcessStartInfo(OpenStackPython()) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-");
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("OS_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["OS_CLIENT_CONFIG_FILE"] = fixture.CloudsYaml;
        info.Environment["HOME"] = fixture.HomeDirectory;
        info.Environment["PYTHONWARNINGS"] = "ignore";
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.Should().Be(0, $"the openstacksdk script should succeed:\n{await stderr}\n{await stdout}");
        return (await stdout).Trim().Split('\n')[^1];
    }
}
