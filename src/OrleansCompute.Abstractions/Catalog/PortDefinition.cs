namespace OrleansCompute.Catalog;

/// <summary>
/// A pre-created port (<c>Compute:Catalog:Ports</c>), as Neutron would have it: a create may ask for it by id
/// in <c>networks[].port</c>; one server at a time may use it.
/// </summary>
public sealed class PortDefinition
{
    public string Id { get; set; } = "";
    public string NetworkId { get; set; } = "";
    /// <summary>The port's fixed IP; empty means the next free address of the network when it is bound.</summary>
    public string FixedIp { get; set; } = "";
}
