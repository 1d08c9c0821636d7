namespace OrleansCompute.Api.Servers;

/// <summary>Which of Nova's server views to render; they differ in a few fields.</summary>
internal enum ServerViewKind
{
    /// <summary><c>GET /servers/{id}</c>: the full view, server_groups included (2.71+).</summary>
    Show,

    /// <summary><c>GET /servers/detail</c>: the full view without server_groups.</summary>
    Detail,

    /// <summary>The rebuild response from 2.75: the show view with adminPass and user_data, without OS-EXT-SRV-ATTR:user_data.</summary>
    Rebuild,
}
