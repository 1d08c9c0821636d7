using System.Net;
using System.Net.Sockets;

namespace OrleansCompute.Tests.Infrastructure;

/// <summary>
/// Finds a TCP port on loopback that nothing listens on right now, for a server a test starts a moment later.
/// The port is chosen below Linux's ephemeral range (32768-60999): a port the kernel handed out (binding port 0)
/// can be taken again by any outgoing connection — a database pool, an HTTP client — before the server binds it,
/// which failed a silo's start with "Address already in use" on a busy machine. Ports handed out in this process
/// are never handed out twice.
/// </summary>
internal static class FreePort
{
    private const int First = 15000;
    private const int Last = 32767;
    private static readonly HashSet<int> HandedOut = [];

    public static int Next()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(First, Last + 1);
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free port between {First} and {Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
