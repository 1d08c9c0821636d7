namespace OrleansCompute.Networking;

/// <summary>One floating IP, keyed by its id: its address on the external network and its association.</summary>
[Alias("compute.IFloatingIpGrain")]
public interface IFloatingIpGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<FloatingIp?> GetAsync();

    /// <summary>Takes an address of the external network (the one asked for, or a free IPv4 one) and associates it if a port is given.</summary>
    [Alias("Create")]
    Task<FloatingIp> CreateAsync(FloatingIp template, string? requestedAddress);

    /// <summary>Associates with a port's fixed IP, or disassociates when <paramref name="portId"/> is null.</summary>
    [Alias("Associate")]
    Task<FloatingIp> AssociateAsync(string? portId, string? fixedIpAddress, string? description);

    [Alias("Delete")]
    Task DeleteAsync();
}
