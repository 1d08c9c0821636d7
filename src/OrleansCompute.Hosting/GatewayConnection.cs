namespace OrleansCompute.Hosting;

/// <summary>
/// A front's view of its connection to the cluster, from the Orleans client's notifications: connected once the
/// client has started (it starts only when a gateway answered), lost when the client says so, back when a gateway
/// count above zero is reported again.
/// </summary>
internal sealed class GatewayConnection
{
    private volatile bool _lost;

    public bool Connected => !_lost;

    public void Lost() => _lost = true;

    public void GatewaysChanged(int connected) => _lost = connected == 0;
}
