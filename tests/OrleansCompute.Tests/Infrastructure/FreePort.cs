using System.Net;
using System.Net.Sockets;

namespace OrleansCompute.Tests.Infrastructure;

/// <summary>Finds a TCP port on loopback that nothing listens on right now.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
