using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Testing;

/// <summary>A SignalR client of <c>/hubs/game</c> over WebSockets that records every event it receives.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private static readonly string[] Methods = ["periodOpened", "bettingClosed", "gameResult", "betSettled", "balanceChanged"];

    private readonly HubConnection connection;

    private HubClient(HubConnection connection)
    {
        this.connection = connection;
        foreach (var method in Methods)
        {
            connection.On<JsonElement>(method, payload => Received.Enqueue((method, payload)));
        }
    }

    public ConcurrentQueue<(string Method, JsonElement Payload)> Received { get; } = new();

    public static async Task<HubClient> ConnectAsync(FrontendHost frontend, string? token = null)
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
            })
            .AddJsonProtocol(options => options.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower)
            .Build();
        await connection.StartAsync();
        return new HubClient(connection);
    }

    public Task<string> JoinGame(string game, int duration) => connection.InvokeAsync<string>("JoinGame", game, duration);

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
