using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace GameServer.LoadTest;

/// <summary>Requests a signed-in player sends: a bearer token and, if any, a snake_case JSON body.</summary>
public static class PlayerRequests
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static HttpRequestMessage Authorized(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        return request;
    }
}
