using System.Net;
using System.Net.Http.Json;

namespace GameServer.LoadTest;

/// <summary>Requests made while preparing a run, as a patient client makes them: a 503 is retried after its Retry-After.</summary>
public static class Setup
{
    private const int Attempts = 20;

    /// <summary>Posts <paramref name="body"/> as JSON; on 503 (a busy hashing pool, a cluster starting) waits as told and tries again.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await client.PostAsJsonAsync(path, body, cancellationToken);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == Attempts)
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250)), cancellationToken);
        }
    }
}
