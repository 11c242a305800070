using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Testing;

/// <summary>A SignalR client of <c>/hubs/game</c> over WebSockets that records every event it receives.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private static readonly string[] Methods = ["periodOpened", "bettingClosed", "gameResult", "betSettled", "balanceChanged", "accountSuspended", "announcement"];

    private readonly HubConnection connection;

    private readonly TaskCompletionSource<Exception?> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubClient(HubConnection connection)
    {
        this.connection = connection;
        foreach (var method in Methods)
        {
            connection.On<JsonElement>(method, payload => Received.Enqueue((method, payload)));
        }

        connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
    }

    /// <summary>Completes when the server (or the client) closes the connection, with the error it closed with.</summary>
    public Task<Exception?> Closed => closed.Task;

    public HubConnectionState State => connection.State;

    public ConcurrentQueue<(string Method, JsonElement Payload)> Received { get; } = new();

    public static async Task<HubClient> ConnectAsync(FrontendHost frontend, string? token = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(frontend.BaseAddress, "/hubs/game"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                if (token is not null)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }

                foreach (var (name, value) in headers ?? new Dictionary<string, string>())
                {
                    options.Headers[name] = value;
                }
            })
            .AddJsonProtocol(options => options.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower)
            .Build();
        var client = new HubClient(connection);
        try
        {
            await connection.StartAsync();
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return client;
    }

    public Task<string> JoinGame(string game, int duration) => connection.InvokeAsync<string>("JoinGame", game, duration);

    /// <summary>Events of one kind, in the order they arrived.</summary>
    public IReadOnlyList<JsonElement> PayloadsOf(string method) => Received.Where(e => e.Method == method).Select(e => e.Payload).ToList();

    public Task LeaveGame(string game, int duration) => connection.InvokeAsync("LeaveGame", game, duration);

    /// <summary>Period ids of the events of one kind, in the order they arrived.</summary>
    public IReadOnlyList<string> PeriodsOf(string method) =>
        Received.Where(e => e.Method == method && e.Payload.TryGetProperty("period_id", out _)).Select(e => e.Payload.GetProperty("period_id").GetString()!).ToList();

    public async Task WaitUntil(Func<HubClient, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met; received: {string.Join(", ", Received.Select(e => $"{e.Method} {e.Payload}"))}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}
