using System.Net;
using System.Net.Sockets;

namespace GameServer.Testing;

/// <summary>
/// Ports for test silos and frontends, taken below the kernel's ephemeral range (32768 and up here):
/// a port the kernel picked for us would be handed out again to some outgoing connection, and a silo
/// restarted on it would then fail to bind.
/// </summary>
public static class TestPorts
{
    private const int First = 20_000;
    private const int Last = 32_000;

    public static int Free()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException) when (attempt < 100)
            {
                // Taken: try another.
            }
        }
    }
}
