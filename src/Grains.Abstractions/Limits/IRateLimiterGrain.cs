namespace GameServer.Limits;

/// <summary>
/// One rate-limit partition (a tier and a user or an address) for the whole cluster, so several
/// frontends share one allowance. Key: <see cref="RateLimitKeys.For"/>.
/// </summary>
public interface IRateLimiterGrain : IGrainWithStringKey
{
    /// <summary>Takes one permit if fewer than <paramref name="permitLimit"/> were taken in the last <paramref name="window"/>.</summary>
    Task<RateLimitDecision> TryAcquire(int permitLimit, TimeSpan window);
}

[GenerateSerializer, Immutable]
public sealed record RateLimitDecision(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] int Remaining,
    [property: Id(2)] TimeSpan RetryAfter);

public static class RateLimitKeys
{
    public static string For(string tier, string partition) => $"rate:{tier}:{partition}";
}
