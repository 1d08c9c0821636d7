using System.Globalization;
using System.Security.Cryptography;

namespace OrleansCompute.Networking;

/// <summary>
/// One port: its fields, its binding to a server, its groups. Its addresses are held on its network's grain
/// (the single allocator of that network); the port keeps the copy it shows. Each change writes the state, then
/// the index row.
/// </summary>
[GrainType("compute-port")]
internal sealed class PortGrain(
    [PersistentState("port", ComputeStorage.ProviderName)] IPersistentState<PortState> state,
    INeutronIndex index,
    ComputeClock clock) : Grain, IPortGrain, IRemindable
{
    private const string BindingReminder = "port-binding";

    private string Id => this.GetPrimaryKeyString();

    public Task<NeutronPort?> GetAsync() => Task.FromResult(state.State.Port);

    public async Task<NeutronPort> CreateAsync(PortCreate create)
    {
        if (state.State.Port is { } existing)
        {
            return existing;
        }

        var template = create.Port;
        var network = Network(template.NetworkId);
        var addresses = await network.AllocateAsync(Id, template.DeviceOwner, create.FixedIps);
        var now = Now;
        state.State.Port = template with
        {
            Id = Id,
            MacAddress = template.MacAddress.Length > 0 ? template.MacAddress : NewMac(),
            FixedIps = addresses,
            Status = StatusOf(template),
            CreatedAt = now,
            UpdatedAt = now,
            RevisionNumber = 1,
        };
        await CommitAsync();
        return state.State.Port;
    }

    public async Task<NeutronPort> UpdateAsync(PortUpdate update)
    {
        var port = Port;
        var desired = update.Desired;
        var addresses = update.FixedIps is null
            ? port.FixedIps
            : await Network(port.NetworkId).AllocateAsync(Id, desired.DeviceOwner, update.FixedIps);
        if (desired.DeviceOwner != port.DeviceOwner)
        {
            await Network(port.NetworkId).TrackPortAsync(Id, desired.DeviceOwner);
        }

        state.State.Port = port with
        {
            Name = desired.Name,
            Description = desired.Description,
            AdminStateUp = desired.AdminStateUp,
            DeviceId = desired.DeviceId,
            DeviceOwner = desired.DeviceOwner,
            SecurityGroups = desired.SecurityGroups,
            PortSecurityEnabled = desired.PortSecurityEnabled,
            AllowedAddressPairs = desired.AllowedAddressPairs,
            BindingHostId = desired.BindingHostId,
            BindingVnicType = desired.BindingVnicType,
            MacAddress = desired.MacAddress,
            Tags = desired.Tags,
            FixedIps = addresses,
            Status = StatusOf(desired),
            UpdatedAt = Now,
            RevisionNumber = port.RevisionNumber + 1,
        };
        await CommitAsync();
        return state.State.Port;
    }

    public async Task DeleteAsync(bool force)
    {
        var port = Port;
        if (!force && port.IsBoundToServer)
        {
            throw NeutronFaultException.Conflict("PortInUse", $"Unable to complete operation on port {Id}: it is in use by server {port.DeviceId}. Detach it from the server first.");
        }

        await Network(port.NetworkId).ReleaseAsync(Id);
        state.State.Port = null;
        await state.WriteStateAsync();
        await index.DeleteAsync(NeutronKinds.Port, Id);
    }

    public async Task<NeutronPort> BindAsync(Guid serverId, string host, string? tag)
    {
        var port = Port;
        var device = serverId.ToString();
        if (port.DeviceId.Length > 0 && port.DeviceId != device)
        {
            throw NeutronFaultException.Conflict("PortInUse", $"Port {Id} is still in use.");
        }

        var bound = port with
        {
            DeviceId = device,
            DeviceOwner = port.DeviceOwner.StartsWith("compute:", StringComparison.Ordinal) ? port.DeviceOwner : "compute:nova",
            BindingHostId = host.Length > 0 ? host : port.BindingHostId,
            Tag = tag ?? port.Tag,
        };
        if (bound == port)
        {
            return port;
        }

        await Network(port.NetworkId).TrackPortAsync(Id, bound.DeviceOwner);
        state.State.Port = bound with { Status = StatusOf(bound), UpdatedAt = Now, RevisionNumber = port.RevisionNumber + 1 };
        await CommitAsync();
        return state.State.Port;
    }

    public async Task DetachAsync(Guid serverId)
    {
        if (state.State.Port is not { } port || port.DeviceId != serverId.ToString())
        {
            return;
        }

        if (port.DeleteWithServer)
        {
            await DeleteAsync(force: true);
            return;
        }

        await Network(port.NetworkId).TrackPortAsync(Id, "");
        state.State.Port = port with
        {
            DeviceId = "", DeviceOwner = "", BindingHostId = "", Tag = null, Status = "DOWN", UpdatedAt = Now, RevisionNumber = port.RevisionNumber + 1,
        };
        await CommitAsync();
    }

    public Task WatchBindingAsync() => this.RegisterOrUpdateReminder(BindingReminder, BindingCheckPeriod, BindingCheckPeriod);

    public async Task SettleBindingAsync()
    {
        if (state.State.Port is { IsBoundToServer: true } port && Guid.TryParse(port.DeviceId, out var serverId)
            && !await GrainFactory.GetGrain<OrleansCompute.Servers.IServerInterfacesGrain>(serverId).HoldsPortAsync(Id))
        {
            // The server's attach never got past the port call and the server does not mean to hold it (a crash
            // before its intent, or an intent it has since given up): Nova's detach of the port.
            await DetachAsync(serverId);
        }

        if (await this.GetReminder(BindingReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == BindingReminder ? SettleBindingAsync() : Task.CompletedTask;

    /// <summary>Long enough for any attach in flight to have finished or failed (its server then answers for it).</summary>
    private static TimeSpan BindingCheckPeriod => TimeSpan.FromMinutes(1);

    private NeutronPort Port => state.State.Port ?? throw NeutronFaultException.PortNotFound(Id);

    private DateTimeOffset Now => DateTimeOffset.FromUnixTimeSeconds(clock.UtcNow.ToUnixTimeSeconds());

    private INeutronNetworkGrain Network(string networkId) => GrainFactory.GetGrain<INeutronNetworkGrain>(networkId);

    /// <summary>No data plane reports a port up: a port bound to a host and administratively up is ACTIVE.</summary>
    private static string StatusOf(NeutronPort port) => port.AdminStateUp && port.DeviceId.Length > 0 && port.BindingHostId.Length > 0 ? "ACTIVE" : "DOWN";

    /// <summary>Neutron's base MAC prefix fa:16:3e with three random octets.</summary>
    private static string NewMac()
    {
        Span<byte> bytes = stackalloc byte[3];
        RandomNumberGenerator.Fill(bytes);
        return string.Create(CultureInfo.InvariantCulture, $"fa:16:3e:{bytes[0]:x2}:{bytes[1]:x2}:{bytes[2]:x2}");
    }

    private async Task CommitAsync()
    {
        await state.WriteStateAsync();
        await index.UpsertAsync(NeutronIndexRows.For(Port));
    }
}
