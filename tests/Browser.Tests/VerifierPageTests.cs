using System.Net;
using System.Text.Json;
using GameServer.Games;
using GameServer.Testing;
using Microsoft.Playwright;

namespace GameServer.Browser.Tests;

/// <summary>
/// The independent verifier (SPEC §3 rule 4): opened from disk and served by a frontend, it recomputes
/// proofs and a whole day's archive in headless Chromium with Web Crypto.
/// </summary>
public sealed class VerifierPageTests(Chromium chromium) : ServedClusterTests, IClassFixture<Chromium>
{
    [Fact]
    public async Task Opened_from_disk_without_a_server_it_passes_the_spec_vector_and_an_independent_chain()
    {
        var page = await chromium.Browser.NewPageAsync();
        var file = Path.Combine(ProcessCluster.RepositoryRoot(), "src", "ApiFrontend", "Fairness", "verify.html");

        await page.GotoAsync(new Uri(file).AbsoluteUri);
        await page.ClickAsync("#vectors");
        var (passed, failed) = await Summary(page);

        // Four single proofs (commit and result, TRX's hash too: 9) and a three-period chain (commit, result and link each) with its secret.
        Assert.Equal((9 + 10, 0), (passed, failed));
    }

    [Fact]
    public async Task A_proof_served_by_the_api_verifies_and_the_same_proof_with_another_seed_fails()
    {
        var key = new GameKey(GameId.K3, 60);
        var period = Schedule.PeriodAt(key, Cluster.Clock.GetUtcNow());
        Cluster.Clock.SetUtcNow(period.EndsAt.AddSeconds(1));
        await Http.GetJsonAsync("/api/games/k3/periods?duration=60");
        var proof = (await Http.GetJsonAsync($"/api/games/k3/60/periods/{period.PeriodId}")).GetRawText();
        var page = await chromium.Browser.NewPageAsync();
        var served = await page.GotoAsync(new Uri(Frontend.BaseAddress, "/verify").AbsoluteUri);

        await page.FillAsync("#input", proof);
        await page.ClickAsync("#verify");
        var genuine = await Summary(page);
        var seed = JsonDocument.Parse(proof).RootElement.GetProperty("data").GetProperty("seed").GetString()!;
        await page.FillAsync("#input", proof.Replace(seed, seed[..^2] + (seed.EndsWith("00", StringComparison.Ordinal) ? "01" : "00"), StringComparison.Ordinal));
        await page.ClickAsync("#verify");
        var tampered = await Summary(page);
        var failedChecks = await page.Locator("#checks li.fail").AllTextContentsAsync();

        Assert.Equal((2, 0), genuine);
        Assert.True(tampered.Failed >= 1);
        Assert.Contains(failedChecks, check => check.Contains("commit = SHA-256(seed)", StringComparison.Ordinal));
        Assert.Contains("connect-src 'none'", (await served!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_whole_days_archive_verifies_in_the_browser_and_its_totals_are_the_ledgers()
    {
        var key = new GameKey(GameId.Trx, 600);
        var today = DateOnly.FromDateTime(Cluster.Clock.GetUtcNow().UtcDateTime);
        var player = await Http.NewPlayerAsync();
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 100, gateway = "test" }, token: player.Token);
        foreach (var size in new[] { "big", "small" })
        {
            await Http.PostJsonAsync("/api/games/trx/bet", new { amount = 10, type = "size", value = size, duration = 600 }, token: player.Token);
        }

        var before = await Http.GetJsonAsync($"/api/fairness/trx/600/{today:yyyy-MM-dd}");
        var noted = (await Http.GetJsonAsync($"/api/fairness/anchors?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}")).GetProperty("data").EnumerateArray()
            .Single(anchor => anchor.GetProperty("game").GetString() == "trx" && anchor.GetProperty("duration").GetInt32() == 600).GetProperty("anchor").GetString()!;
        // Past the quarter of an hour after midnight in which the game looks for late-written bets: the day is final.
        Cluster.Clock.SetUtcNow(SeedChain.DayStart(today.AddDays(1)).AddMinutes(16));
        await Http.GetJsonAsync("/api/games/trx/periods?duration=600");
        await Eventually(async () => (await Http.GetJsonAsync($"/api/users/{player.UserId}/bet-history", player.Token)).GetProperty("data").GetProperty("items")
            .EnumerateArray().All(bet => bet.GetProperty("status").GetString() != "pending"));

        var archive = (await Http.GetJsonAsync($"/api/fairness/trx/600/{today:yyyy-MM-dd}")).GetProperty("data");
        var ledger = (await Http.GetJsonAsync("/api/wallet/transactions?limit=100", player.Token)).GetProperty("data").GetProperty("items").EnumerateArray().ToList();
        var totals = archive.GetProperty("totals");

        Assert.False(before.GetProperty("data").GetProperty("complete").GetBoolean());
        Assert.Empty(before.GetProperty("data").GetProperty("periods").EnumerateArray());
        Assert.True(archive.GetProperty("complete").GetBoolean());
        Assert.True(archive.GetProperty("settled").GetBoolean());
        Assert.False(archive.GetProperty("late").GetBoolean());
        Assert.Equal(0, totals.GetProperty("unsettled").GetInt64());
        Assert.Equal(144, archive.GetProperty("periods").GetArrayLength());
        Assert.Equal(2, totals.GetProperty("bets").GetInt64());
        Assert.Equal(-ledger.Where(e => e.GetProperty("type").GetString() == "bet_stake").Sum(e => e.GetProperty("amount").GetDecimal()), totals.GetProperty("staked").GetDecimal());
        Assert.Equal(ledger.Where(e => e.GetProperty("type").GetString() == "bet_payout").Sum(e => e.GetProperty("amount").GetDecimal()), totals.GetProperty("paid").GetDecimal());
        Assert.Equal(0.98m, totals.GetProperty("theoretical_rtp").GetDecimal());

        var page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync(new Uri(Frontend.BaseAddress, "/verify").AbsoluteUri);
        await page.FillAsync("#input", archive.GetRawText());
        await page.FillAsync("#noted", noted);
        await page.ClickAsync("#verify");
        var (passed, failed) = await Summary(page);
        await page.FillAsync("#noted", new string('0', 64));
        await page.ClickAsync("#verify");
        var (_, failedWithAnotherAnchor) = await Summary(page);
        await page.FillAsync("#noted", archive.GetProperty("periods")[70].GetProperty("commit").GetString()!);
        await page.ClickAsync("#verify");
        var withANotedCommit = await Summary(page);

        // The noted anchor, publication a day ahead, every period in order, then per period its commit,
        // result, hash and link in the chain, then the secret.
        Assert.Equal((1 + 1 + 1 + (144 * 4) + 1, 0), (passed, failed));
        Assert.Equal(1, failedWithAnotherAnchor);
        Assert.Equal((passed, 0), withANotedCommit);
    }

    [Fact]
    public async Task A_days_archive_is_also_served_as_csv_and_once_settled_answers_a_repeated_request_with_304()
    {
        var today = DateOnly.FromDateTime(Cluster.Clock.GetUtcNow().UtcDateTime);
        Cluster.Clock.SetUtcNow(SeedChain.DayStart(today.AddDays(1)).AddMinutes(16));
        await Http.GetJsonAsync("/api/games/k3/periods?duration=600");
        var path = $"/api/fairness/k3/600/{today:yyyy-MM-dd}";

        using var response = await Get(path, "text/csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        using var notCsv = await Get(path, "text/csv;q=0, application/json");
        using var again = await Get(path, "text/csv", response.Headers.ETag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("game,duration,date,period_id,seed,commit,result,hash,drawn,bets,staked,paid,refunded", lines[0]);
        Assert.Equal(144, lines.Length - 1);
        Assert.StartsWith($"k3,600,{today:yyyy-MM-dd},{today:yyyyMMdd}120001,", lines[1], StringComparison.Ordinal);
        Assert.Equal("application/json", notCsv.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        Assert.Contains("Accept", response.Headers.Vary);
        Assert.NotEqual(response.Headers.ETag, notCsv.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    private async Task<HttpResponseMessage> Get(string path, string accept, System.Net.Http.Headers.EntityTagHeaderValue? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        return await Http.SendAsync(request);
    }

    private static async Task<(int Passed, int Failed)> Summary(IPage page)
    {
        var summary = page.Locator("#summary");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-failed", new System.Text.RegularExpressions.Regex("^[0-9]+$"), new() { Timeout = 30_000 });
        return (int.Parse((await summary.GetAttributeAsync("data-passed"))!, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse((await summary.GetAttributeAsync("data-failed"))!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true within 20 s.");
            await Task.Delay(100);
        }
    }
}
