using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using GameServer.Hosting;
using GameServer.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace GameServer.Api.Tests;

public sealed class OtlpTraceExportTests
{
    [Fact]
    public async Task Without_an_otlp_endpoint_no_tracer_is_registered()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration[LoggingExtensions.OtlpEndpointSetting] = null;

        builder.AddGameLogging();
        await using var app = builder.Build();

        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task With_an_otlp_endpoint_a_bets_request_and_its_grain_calls_are_exported_under_its_trace_id()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var cluster = await LocalCluster.StartAsync(siloCount: 1, new Dictionary<string, string?>
        {
            [LoggingExtensions.OtlpEndpointSetting] = receiver.Address.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });
        using var http = cluster.StartFrontend().CreateHttpClient();
        var player = await http.NewPlayerAsync();
        await http.PostJsonAsync("/api/wallet/deposit", new { amount = 1000, gateway = "test" }, token: player.Token);
        var traceId = ActivityTraceId.CreateRandom();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/games/wingo/bet") { Content = JsonContent.Create(new { amount = 10, type = "number", value = 5 }) };
        request.Headers.Authorization = new("Bearer", player.Token);
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();

        // OTLP carries the trace id as its 16 bytes; span names are plain UTF-8 in the protobuf.
        var traceBytes = Convert.FromHexString(traceId.ToHexString());
        var exported = await receiver.WaitForAsync(batches => batches.Where(batch => Contains(batch, traceBytes)).ToList() is { Count: > 0 } ofTheTrace
            && ofTheTrace.Any(batch => Contains(batch, "api/games/{game}/bet"u8))
            && ofTheTrace.Any(batch => Contains(batch, "IWalletGrain/PlaceBet"u8)));
        Assert.True(exported, $"No export carried the request's trace {traceId} with its HTTP and grain-call spans ({receiver.Batches.Count} exports received).");
    }

    private static bool Contains(byte[] batch, ReadOnlySpan<byte> bytes) => batch.AsSpan().IndexOf(bytes) >= 0;

    /// <summary>An OTLP/HTTP collector that keeps the body of every trace export it receives.</summary>
    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly WebApplication app;

        private OtlpReceiver(WebApplication app, Uri address) => (this.app, Address) = (app, address);

        public Uri Address { get; }

        public ConcurrentQueue<byte[]> Batches { get; } = new();

        public static async Task<OtlpReceiver> StartAsync()
        {
            var address = new Uri($"http://127.0.0.1:{TestPorts.Free().ToString(CultureInfo.InvariantCulture)}");
            var builder = WebApplication.CreateSlimBuilder();
            var app = builder.Build();
            app.Urls.Add(address.ToString());
            var receiver = new OtlpReceiver(app, address);
            app.MapPost("/v1/traces", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                receiver.Batches.Enqueue(body.ToArray());
                return Results.Ok();
            });
            await app.StartAsync();
            return receiver;
        }

        /// <summary>Whether the exports received satisfy <paramref name="done"/> within a few seconds (exporters send in batches).</summary>
        public async Task<bool> WaitForAsync(Func<IReadOnlyList<byte[]>, bool> done)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                if (done([.. Batches]))
                {
                    return true;
                }

                await Task.Delay(200);
            }

            return false;
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
