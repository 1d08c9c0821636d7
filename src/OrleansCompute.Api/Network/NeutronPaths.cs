namespace OrleansCompute.Api.Network;

/// <summary>Where the network service lives on this host (the catalog's <c>network</c> endpoint; clients add <c>/v2.0</c>).</summary>
internal static class NeutronPaths
{
    public const string Root = "/network";
    public const string V2 = Root + "/v2.0";
}
