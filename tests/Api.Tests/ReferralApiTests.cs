using System.Net;
using GameServer.Testing;

namespace GameServer.Api.Tests;

[Collection(FrontendCollection.Name)]
public sealed class ReferralApiTests(FrontendFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Team_summary_counts_an_invited_player_and_is_private()
    {
        var inviter = await Http.NewPlayerAsync();
        var code = (await Http.GetJsonAsync("/api/users/profile", inviter.Token)).GetProperty("data").GetProperty("invite_code").GetString();
        var invited = await Http.NewPlayerAsync(code);

        var summary = (await Http.GetJsonAsync($"/api/users/{inviter.UserId}/team-summary", inviter.Token)).GetProperty("data");
        await Http.GetJsonAsync($"/api/users/{inviter.UserId}/team-summary", invited.Token, HttpStatusCode.Forbidden);

        var levels = summary.GetProperty("levels").EnumerateArray().ToList();
        Assert.Equal(6, levels.Count);
        Assert.Equal(1, levels[0].GetProperty("members").GetInt64());
        Assert.Equal(0, levels[1].GetProperty("members").GetInt64());
    }

    [Fact]
    public async Task Attendance_pays_once_a_day_after_enough_recharge()
    {
        var player = await Http.NewPlayerAsync();

        var before = (await Http.GetJsonAsync("/api/attendance", player.Token)).GetProperty("data");
        await Http.PostJsonAsync("/api/attendance/claim", new { }, HttpStatusCode.Conflict, player.Token);
        await Http.PostJsonAsync("/api/wallet/deposit", new { amount = 200, gateway = "test" }, token: player.Token);
        var claimed = (await Http.PostJsonAsync("/api/attendance/claim", new { }, token: player.Token)).GetProperty("data");
        await Http.PostJsonAsync("/api/attendance/claim", new { }, HttpStatusCode.Conflict, player.Token);

        Assert.Equal(1, before.GetProperty("next_day").GetInt32());
        Assert.Equal(200m, before.GetProperty("next_threshold").GetDecimal());
        Assert.True(claimed.GetProperty("claimed_today").GetBoolean());
        Assert.Equal(1, claimed.GetProperty("streak").GetInt32());
        var balance = (await Http.GetJsonAsync("/api/wallet/balance", player.Token)).GetProperty("data");
        Assert.Equal(205m, balance.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task An_admin_may_read_any_team_summary()
    {
        var inviter = await Http.NewPlayerAsync();
        var code = (await Http.GetJsonAsync("/api/users/profile", inviter.Token)).GetProperty("data").GetProperty("invite_code").GetString();
        await Http.NewPlayerAsync(code);

        var summary = (await Http.GetJsonAsync($"/api/users/{inviter.UserId}/team-summary", await fixture.AdminToken())).GetProperty("data");

        Assert.Equal(inviter.UserId, summary.GetProperty("user_id").GetInt64());
        Assert.Equal(1, summary.GetProperty("levels")[0].GetProperty("members").GetInt64());
        Assert.Equal(1, summary.GetProperty("levels")[0].GetProperty("active_members").GetInt64());
    }

    [Fact]
    public async Task Attendance_and_team_summaries_need_a_token()
    {
        var player = await Http.NewPlayerAsync();

        await Http.GetJsonAsync("/api/attendance", token: null, HttpStatusCode.Unauthorized);
        await Http.PostJsonAsync("/api/attendance/claim", new { }, HttpStatusCode.Unauthorized);
        await Http.GetJsonAsync($"/api/users/{player.UserId}/team-summary", token: null, HttpStatusCode.Unauthorized);
    }
}
