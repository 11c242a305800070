using System.Net;
using System.Text.Json;
using GameServer.Testing;

namespace GameServer.Api.Tests;

/// <summary>SPEC §4, §7: a session renews without the password, each refresh token once, and ends on logout or on a reused token.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SessionTests(FrontendFixture fixture)
{
    private HttpClient Http => fixture.Http;

    private async Task<(long UserId, JsonElement Session)> SignIn()
    {
        var phone = ApiClientExtensions.NewPhoneNumber();
        var registered = await Http.PostJsonAsync("/api/users/register", new { phone_no = phone, password = ApiClientExtensions.Password }, HttpStatusCode.Created);
        var login = await Http.PostJsonAsync("/api/users/login", new { phone_no = phone, password = ApiClientExtensions.Password });
        return (registered.GetProperty("data").GetProperty("user_id").GetInt64(), login.GetProperty("data"));
    }

    private static string RefreshTokenOf(JsonElement session) => session.GetProperty("refresh_token").GetString()!;

    private Task<JsonElement> Refresh(string refreshToken, HttpStatusCode expected = HttpStatusCode.OK) =>
        Http.PostJsonAsync("/api/users/token/refresh", new { refresh_token = refreshToken }, expected);

    [Fact]
    public async Task A_refresh_token_buys_a_new_access_token_for_the_same_player_and_the_next_refresh_token()
    {
        var (userId, session) = await SignIn();

        var renewed = (await Refresh(RefreshTokenOf(session))).GetProperty("data");
        var profile = await Http.GetJsonAsync("/api/users/profile", renewed.GetProperty("token").GetString());

        Assert.Equal(userId, renewed.GetProperty("user").GetProperty("user_id").GetInt64());
        Assert.Equal(userId, profile.GetProperty("data").GetProperty("user_id").GetInt64());
        Assert.NotEqual(RefreshTokenOf(session), RefreshTokenOf(renewed));
        Assert.True(renewed.GetProperty("refresh_expires_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(29));
        Assert.Equal("Bearer", renewed.GetProperty("token_type").GetString());
        var next = (await Refresh(RefreshTokenOf(renewed))).GetProperty("data");
        Assert.Equal(userId, next.GetProperty("user").GetProperty("user_id").GetInt64());
    }

    [Fact]
    public async Task A_refresh_token_used_twice_ends_the_session_so_the_newer_one_fails_too()
    {
        var (_, session) = await SignIn();
        var first = RefreshTokenOf(session);
        var second = RefreshTokenOf((await Refresh(first)).GetProperty("data"));

        var replay = await Refresh(first, HttpStatusCode.Unauthorized);
        var afterReplay = await Refresh(second, HttpStatusCode.Unauthorized);

        Assert.Equal(401, replay.GetProperty("status").GetInt32());
        Assert.False(afterReplay.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task Logout_ends_the_session_and_its_refresh_token_is_refused()
    {
        var (_, session) = await SignIn();
        var token = RefreshTokenOf(session);

        var loggedOut = await Http.PostJsonAsync("/api/users/logout", new { refresh_token = token });

        Assert.True(loggedOut.GetProperty("data").GetProperty("signed_out").GetBoolean());
        await Refresh(token, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_forged_secret_for_a_real_session_is_refused_and_leaves_the_session_working()
    {
        var (userId, session) = await SignIn();
        var token = RefreshTokenOf(session);
        var forged = token[..33] + new string('A', token.Length - 33);

        await Refresh(forged, HttpStatusCode.Unauthorized);
        await Http.PostJsonAsync("/api/users/logout", new { refresh_token = forged });
        var renewed = (await Refresh(token)).GetProperty("data");

        Assert.Equal(userId, renewed.GetProperty("user").GetProperty("user_id").GetInt64());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("00000000000000000000000000000000.c2VjcmV0")]
    [InlineData("0123456789abcdef0123456789abcdef.has spaces and $ signs")]
    public async Task Anything_but_a_live_refresh_token_is_401_as_problem_details(string token)
    {
        var refused = await Refresh(token, HttpStatusCode.Unauthorized);

        Assert.Equal(401, refused.GetProperty("status").GetInt32());
        Assert.False(refused.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task Logout_with_something_that_is_not_a_token_answers_alike()
    {
        var answer = await Http.PostJsonAsync("/api/users/logout", new { refresh_token = "whatever" });

        Assert.True(answer.GetProperty("data").GetProperty("signed_out").GetBoolean());
    }
}
