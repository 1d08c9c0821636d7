namespace OrleansCompute.Hosting;

/// <summary>
/// Whether this application serves the built-in identity service: <see cref="ComputeHostingExtensions.MapOrleansCompute"/>
/// marks it when it maps the routes without the product's own authentication (<c>ResolveCaller</c>). Routes are mapped
/// before the host starts, so the start-up bootstrap (<see cref="IdentityBootstrapService"/>) knows whether to run.
/// </summary>
internal sealed class IdentityUse
{
    private volatile bool _served;

    public bool Served => _served;

    public void MarkServed() => _served = true;
}
