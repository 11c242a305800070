using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GameServer.Games;
using GameServer.Testing;
using GameServer.Wallet;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GameServer.Api.Tests;

/// <summary>
/// A one-silo cluster whose silo logs a warning at every call to a wallet or a game's periods
/// (<see cref="GrainCallProbe"/>), standing for any line a grain writes while it handles a call.
/// </summary>
public sealed class ProbedClusterFixture : IAsyncLifetime
{
    public LocalCluster Cluster { get; private set; } = null!;

    public FrontendHost Frontend { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await LocalCluster.StartAsync(siloCount: 1, configureSilo: silo => silo.Services.AddSingleton<IIncomingGrainCallFilter, GrainCallProbe>());
        Frontend = Cluster.StartFrontend();
        Http = Frontend.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}

/// <summary>
/// Logs one warning per call to a wallet or a game's periods, inside the scopes and the activity the
/// silo opens for the call (it runs after the silo's own filters); fails a bet of exactly
/// <see cref="FailingStake"/> as an unexpected error would.
/// </summary>
public sealed partial class GrainCallProbe(ILogger<GrainCallProbe> logger) : IIncomingGrainCallFilter
{
    public static readonly Money FailingStake = Money.FromMajor(13);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is IWalletGrain or IGamePeriodGrain)
        {
            LogCall(logger, context.MethodName);
        }

        return context.MethodName == nameof(IWalletGrain.PlaceBet) && context.Request.GetArgument(0) is BetRequest { Stake: var stake } && stake == FailingStake
            ? throw new InvalidOperationException("The probe fails this bet.")
            : context.Invoke();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Probe: {Method}")]
    private static partial void LogCall(ILogger logger, string method);
}

public sealed class LogIdsTests(ProbedClusterFixture fixture) : IClassFixture<ProbedClusterFixture>
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task A_line_a_grain_writes_while_staking_carries_the_trace_id_of_the_players_request_and_the_player_bet_game_and_period()
    {
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 1000, gateway = "test" }, token: player.Token);

        var (traceId, bet) = await SendTracedAsync(HttpMethod.Post, "/api/games/wingo/bet", new { amount = 10, type = "number", value = 5 }, player.Token);

        var betId = bet.GetProperty("bet_id").GetString();
        var staking = Assert.Single(ProbeLines("PlaceBet"), line => line.Property("BetId") == betId);
        Assert.Equal(traceId, staking.Property("TraceId"));
        Assert.Equal(player.UserId.ToString(CultureInfo.InvariantCulture), staking.Property("UserId"));
        Assert.Equal("wingo-60", staking.Property("Game"));

        // The wallet tells the game of the bet after the game chose its period: that call names the period.
        var recorded = await EventuallyAsync(() => ProbeLines("RecordBet").Where(line => line.Property("TraceId") == traceId).ToList());
        Assert.Equal(bet.GetProperty("period_id").GetString(), recorded.Property("PeriodId"));
        Assert.Equal("wingo-60", recorded.Property("Game"));
    }

    [Fact]
    public async Task Lines_a_wallet_writes_for_a_deposit_and_a_withdrawal_carry_the_player_and_the_operation_id()
    {
        var player = await Http.NewPlayerAsync();

        var (depositTrace, deposit) = await SendTracedAsync(HttpMethod.Post, "/api/wallet/deposit", new { amount = 500, gateway = "test" }, player.Token);
        var method = await Http.SavePayoutMethodAsync(player.Token);
        var (withdrawalTrace, withdrawal) = await SendTracedAsync(HttpMethod.Post, "/api/wallet/withdraw", new { amount = 120, method_id = method }, player.Token);

        var userId = player.UserId.ToString(CultureInfo.InvariantCulture);
        var credited = Assert.Single(ProbeLines("CreditDeposit"), line => line.Property("OperationId") == deposit.GetProperty("order_id").GetString());
        Assert.Equal(userId, credited.Property("UserId"));
        Assert.Equal(depositTrace, credited.Property("TraceId"));
        var held = Assert.Single(ProbeLines("RequestWithdrawal"), line => line.Property("OperationId") == withdrawal.GetProperty("withdrawal_id").GetString());
        Assert.Equal(userId, held.Property("UserId"));
        Assert.Equal(withdrawalTrace, held.Property("TraceId"));
    }

    [Fact]
    public async Task A_bet_that_fails_unexpectedly_is_logged_by_the_frontend_with_its_trace_player_and_bet()
    {
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 1000, gateway = "test" }, token: player.Token);

        var (traceId, _) = await SendTracedAsync(HttpMethod.Post, "/api/games/wingo/bet",
            new { amount = GrainCallProbe.FailingStake.ToString(), type = "number", value = 5 }, player.Token, HttpStatusCode.InternalServerError);

        var failure = Assert.Single(fixture.Frontend.Logs.Entries, line => line.Level == LogLevel.Error && line.Property("TraceId") == traceId);
        Assert.Contains("/api/games/wingo/bet", failure.Message, StringComparison.Ordinal);
        Assert.Equal(player.UserId.ToString(CultureInfo.InvariantCulture), failure.Property("UserId"));
        Assert.StartsWith("bet-", failure.Property("BetId"), StringComparison.Ordinal);
        Assert.Equal(failure.Property("BetId"), failure.Property("OperationId"));
    }

    [Fact]
    public async Task A_refused_hub_call_of_a_signed_in_player_is_logged_with_the_players_user_id()
    {
        var player = await Http.NewPlayerAsync();
        await using var client = await HubClient.ConnectAsync(fixture.Frontend, player.Token);
        var game = $"no-such-game-{Guid.NewGuid():N}"[..24];

        await Assert.ThrowsAsync<HubException>(() => client.JoinGame(game, 30));

        var refused = Assert.Single(fixture.Frontend.Logs.Entries, line => line.Message.Contains(game, StringComparison.Ordinal));
        Assert.Equal(player.UserId.ToString(CultureInfo.InvariantCulture), refused.Property("UserId"));
    }

    private IEnumerable<CapturedLog> ProbeLines(string method) => fixture.Cluster.SiloLogs.Where(line => line.Property("Method") == method);

    /// <summary>Sends a request as part of a new trace (a W3C <c>traceparent</c>, as a client or proxy sends it); returns the trace id and the response's <c>data</c>.</summary>
    private async Task<(string TraceId, JsonElement Data)> SendTracedAsync(HttpMethod method, string path, object body, string token, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await Http.SendAsync(request);
        var json = await ApiClientExtensions.ReadAsync(response, expected);
        return (traceId, json.TryGetProperty("data", out var data) ? data : json);
    }

    /// <summary>The single line <paramref name="find"/> finds, waiting a little for calls made one way after the request returned.</summary>
    private static async Task<CapturedLog> EventuallyAsync(Func<List<CapturedLog>> find)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (find() is [var found])
            {
                return found;
            }

            await Task.Delay(100);
        }

        return Assert.Single(find());
    }
}
