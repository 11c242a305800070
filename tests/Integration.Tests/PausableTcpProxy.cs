using System.Net;
using System.Net.Sockets;

namespace GameServer.Integration.Tests;

/// <summary>
/// A TCP relay on 127.0.0.1 to a local port that can stop passing bytes without closing anything, as a link
/// that stalls does (a congested or half-open network path): both ends stay connected and hear nothing.
/// </summary>
public sealed class PausableTcpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int target;
    private readonly CancellationTokenSource stop = new();
    private readonly List<TcpClient> connections = [];
    private readonly Task accepting;
    private TaskCompletionSource flowing = NewFlowing(open: true);

    private PausableTcpProxy(int target)
    {
        this.target = target;
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>The port to connect to instead of the target's.</summary>
    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Relays 127.0.0.1:<paramref name="targetPort"/> from a free port until disposed.</summary>
    public static PausableTcpProxy Start(int targetPort) => new(targetPort);

    /// <summary>From now on no byte passes either way; the connections stay open.</summary>
    public void Pause()
    {
        lock (connections)
        {
            if (flowing.Task.IsCompleted)
            {
                flowing = NewFlowing(open: false);
            }
        }
    }

    /// <summary>Bytes pass again, those held back first.</summary>
    public void Resume()
    {
        lock (connections)
        {
            flowing.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        Resume();
        listener.Stop();
        lock (connections)
        {
            connections.ForEach(connection => connection.Dispose());
        }

        await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        stop.Dispose();
    }

    private static TaskCompletionSource NewFlowing(bool open)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            source.SetResult();
        }

        return source;
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, target, stop.Token);
            lock (connections)
            {
                connections.Add(client);
                connections.Add(upstream);
            }

            _ = PumpAsync(client.GetStream(), upstream.GetStream());
            _ = PumpAsync(upstream.GetStream(), client.GetStream());
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, stop.Token);
                if (read == 0)
                {
                    break;
                }

                Task gate;
                lock (connections)
                {
                    gate = flowing.Task;
                }

                await gate.WaitAsync(stop.Token);
                await to.WriteAsync(buffer.AsMemory(0, read), stop.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The other side closed, or the proxy is disposed.
        }
        finally
        {
            try
            {
                to.Socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                // Already closed.
            }
        }
    }
}
