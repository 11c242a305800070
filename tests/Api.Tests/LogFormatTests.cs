using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GameServer.Hosting;
using GameServer.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace GameServer.Api.Tests;

public sealed class LogFormatTests
{
    [Theory]
    [InlineData("Production", null, "json")]
    [InlineData("Staging", null, "json")]
    [InlineData("Development", null, "simple")]
    [InlineData("Production", "simple", "simple")]
    [InlineData("Development", "json", "json")]
    public async Task The_console_writes_json_outside_development_and_readable_text_in_development_unless_configured(string environment, string? configured, string expected)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration["Logging:Console:FormatterName"] = configured;

        builder.AddGameLogging();
        await using var app = builder.Build();

        Assert.Equal(expected, app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    [Fact]
    public async Task Silo_and_frontend_processes_write_each_event_as_one_json_line_and_a_bets_lines_carry_its_trace_player_and_bet()
    {
        var clusterId = $"logs-{Guid.NewGuid():N}";
        var gatewayPort = TestPorts.Free().ToString(CultureInfo.InvariantCulture);
        var common = new Dictionary<string, string>
        {
            // Not Development: the format a deployment gets without setting anything.
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["GameServer__Profile"] = "Development",
            ["Orleans__ClusterId"] = clusterId,
            ["Orleans__ServiceId"] = clusterId,

            // The lines of a request running its endpoint, hidden at the shipped levels.
            ["Logging__LogLevel__Microsoft.AspNetCore.Routing"] = "Information",
        };
        using var silo = await ServerProcess.StartAsync(ServerProcess.BuiltAssembly("Silo", "GameServer.Silo.dll"), new Dictionary<string, string>(common)
        {
            ["Orleans__SiloPort"] = TestPorts.Free().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = gatewayPort,
        });
        using var frontend = await ServerProcess.StartAsync(ServerProcess.BuiltAssembly("ApiFrontend", "GameServer.ApiFrontend.dll"), new Dictionary<string, string>(common)
        {
            ["Orleans__Gateways__0"] = $"127.0.0.1:{gatewayPort}",
        });
        using var http = new HttpClient { BaseAddress = frontend.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };
        var player = await http.NewPlayerAsync();
        await http.PostJsonAsync("/api/wallet/deposit", new { amount = 1000, gateway = "test" }, token: player.Token);

        var (traceId, betId) = await PlaceTracedBetAsync(http, player.Token);

        var frontendLines = await EventuallyAsync(() => Events(frontend), lines => lines.Any(line => ScopeValue(line, "BetId") == betId));
        var ofTheBet = frontendLines.Where(line => ScopeValue(line, "TraceId") == traceId).ToList();
        Assert.True(ofTheBet.Count >= 2, $"Expected the lines of the bet's request, found: {string.Join(Environment.NewLine, frontend.StandardOutput)}");
        Assert.All(ofTheBet, line => Assert.Equal(player.UserId.ToString(CultureInfo.InvariantCulture), ScopeValue(line, "UserId")));
        Assert.Contains(ofTheBet, line => ScopeValue(line, "OperationId") == betId);
        var siloLines = Events(silo);
        Assert.Contains(siloLines, line => line.GetProperty("Message").GetString()!.StartsWith("DEVELOPMENT PROFILE", StringComparison.Ordinal));
    }

    /// <summary>
    /// Every line of the process's stdout as the JSON object it must be: one event per line, with its time
    /// (UTC), level, category and message.
    /// </summary>
    private static List<JsonElement> Events(ServerProcess process)
    {
        var events = new List<JsonElement>();
        foreach (var line in process.StandardOutput)
        {
            JsonElement parsed;
            try
            {
                parsed = JsonDocument.Parse(line).RootElement.Clone();
            }
            catch (JsonException error)
            {
                throw new Xunit.Sdk.XunitException($"Not a JSON line ({error.Message}): {line}");
            }

            Assert.Equal(JsonValueKind.Object, parsed.ValueKind);
            Assert.EndsWith("Z", parsed.GetProperty("Timestamp").GetString(), StringComparison.Ordinal);
            Assert.True(DateTimeOffset.TryParse(parsed.GetProperty("Timestamp").GetString(), CultureInfo.InvariantCulture, out _), line);
            Assert.False(string.IsNullOrEmpty(parsed.GetProperty("LogLevel").GetString()), line);
            Assert.False(string.IsNullOrEmpty(parsed.GetProperty("Category").GetString()), line);
            Assert.Equal(JsonValueKind.String, parsed.GetProperty("Message").ValueKind);
            events.Add(parsed);
        }

        Assert.NotEmpty(events);
        return events;
    }

    /// <summary>A value of one of the line's scopes (the activity's TraceId, the LogIds …) as text, or null.</summary>
    private static string? ScopeValue(JsonElement line, string name)
    {
        foreach (var scope in line.TryGetProperty("Scopes", out var scopes) ? scopes.EnumerateArray() : default)
        {
            if (scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty(name, out var value))
            {
                return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
            }
        }

        return null;
    }

    /// <summary>
    /// Stakes a bet in a new trace (a W3C <c>traceparent</c>, as a client or proxy sends it) on the real clock:
    /// a bet sent in the last seconds of a period, or as the next one opens, is tried again in the next.
    /// </summary>
    private static async Task<(string TraceId, string BetId)> PlaceTracedBetAsync(HttpClient http, string token)
    {
        for (var attempt = 1; ; attempt++)
        {
            var traceId = ActivityTraceId.CreateRandom().ToHexString();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/games/wingo/bet") { Content = JsonContent.Create(new { amount = 10, type = "number", value = 5 }) };
            request.Headers.Authorization = new("Bearer", token);
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            using var response = await http.SendAsync(request);
            if (response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable && attempt < 3)
            {
                await Task.Delay(Games.Schedule.BettingClosesBeforeEnd + TimeSpan.FromSeconds(1));
                continue;
            }

            var bet = (await ApiClientExtensions.ReadAsync(response, HttpStatusCode.OK)).GetProperty("data");
            return (traceId, bet.GetProperty("bet_id").GetString()!);
        }
    }

    /// <summary>The console logger writes on a thread of its own: what <paramref name="read"/> returns once <paramref name="done"/> holds (or after a few seconds).</summary>
    private static async Task<List<JsonElement>> EventuallyAsync(Func<List<JsonElement>> read, Func<List<JsonElement>, bool> done)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var lines = read();
            if (done(lines))
            {
                return lines;
            }

            await Task.Delay(100);
        }

        return read();
    }
}
