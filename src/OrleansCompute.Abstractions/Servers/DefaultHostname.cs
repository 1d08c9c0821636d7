namespace OrleansCompute.Servers;

/// <summary>Nova's hostname for a server whose display name leaves no hostname characters: <c>Server-&lt;uuid&gt;</c>.</summary>
public static class DefaultHostname
{
    public static string For(Guid serverId) => "Server-" + serverId;
}
