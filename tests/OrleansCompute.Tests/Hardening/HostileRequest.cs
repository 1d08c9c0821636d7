namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// One generated request. <see cref="MustBeRefused"/>: it changes state if served, so the generator made it invalid
/// on purpose (a body spoiled in one of several ways, or path values that name nothing) and only a 4xx is right.
/// </summary>
public sealed record HostileRequest(string Method, string Path, string? Version, byte[]? Body, string? ContentType, bool MustBeRefused, string Spoiler)
{
    public override string ToString()
    {
        var body = Body is null ? "" : " body=" + Convert.ToBase64String(Body.Length > 2048 ? Body[..2048] : Body) + (Body.Length > 2048 ? $"...({Body.Length} bytes)" : "");
        var path = Path.Length > 400 ? Path[..400] + $"...({Path.Length} chars)" : Path;
        return $"{Method} {path} version={Version ?? "-"} type={ContentType ?? "-"} spoiler={Spoiler}{body}";
    }
}
