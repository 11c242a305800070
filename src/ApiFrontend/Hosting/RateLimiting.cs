using GameServer.Hosting;
using GameServer.Limits;
using Microsoft.Extensions.Options;

namespace GameServer.ApiFrontend.Hosting;

/// <summary>The old system's rate-limit tiers.</summary>
public enum RateLimitTier
{
    Auth,
    Api,
    Game,
    Wallet,
}

public sealed class TierLimit
{
    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; }
}

/// <summary>The <c>RateLimits</c> section. Defaults are the old system's tiers; a load test raises them.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Players above this VIP level get twice the allowance.</summary>
    public const int VipDoublingAbove = 3;

    public bool Enabled { get; set; } = true;
    public TierLimit Auth { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(15) };

    /// <summary>
    /// Logins and registrations from one address whatever the number: each one can cost an Argon2 hash,
    /// and trying many numbers from one address is credential stuffing (OWASP Credential Stuffing
    /// Prevention). Generous, because many players can share one carrier address.
    /// </summary>
    public TierLimit AuthPerAddress { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(15) };

    public TierLimit Api { get; set; } = new() { PermitLimit = 100, Window = TimeSpan.FromMinutes(1) };
    public TierLimit Game { get; set; } = new() { PermitLimit = 200, Window = TimeSpan.FromMinutes(1) };
    public TierLimit Wallet { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) };

    public TierLimit For(RateLimitTier tier) => tier switch
    {
        RateLimitTier.Auth => Auth,
        RateLimitTier.Game => Game,
        RateLimitTier.Wallet => Wallet,
        _ => Api,
    };
}

/// <summary>A request that names the phone number it acts for: the auth tier counts per address and number.</summary>
public interface IPhoneNumbered
{
    string? PhoneNo { get; }
}

public static class RateLimiting
{
    public static WebApplicationBuilder AddClusterRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddGameOptions<RateLimitOptions>(builder.Configuration, RateLimitOptions.Section);
        return builder;
    }

    /// <summary>Counts each call against the tier's allowance, shared by every frontend of the cluster.</summary>
    public static TBuilder RequireRateLimit<TBuilder>(this TBuilder endpoints, RateLimitTier tier) where TBuilder : IEndpointConventionBuilder =>
        endpoints.AddEndpointFilter(new ClusterRateLimitFilter(tier));

    private sealed class ClusterRateLimitFilter(RateLimitTier tier) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            var options = http.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;
            if (!options.Enabled)
            {
                return await next(context);
            }

            var grains = http.RequestServices.GetRequiredService<IGrainFactory>();
            foreach (var (name, partition, limit) in Allowances(context, options))
            {
                var permits = http.User.VipLevel() > RateLimitOptions.VipDoublingAbove ? limit.PermitLimit * 2 : limit.PermitLimit;
                var decision = await grains.GetGrain<IRateLimiterGrain>(RateLimitKeys.For(name, partition)).TryAcquire(permits, limit.Window);
                if (!decision.Allowed)
                {
                    var seconds = (int)Math.Ceiling(Math.Max(decision.RetryAfter.TotalSeconds, 1));
                    http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return Results.Problem(
                        statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Too many requests.",
                        detail: $"The {name} limit is {permits} per {limit.Window}. Retry after {seconds} s.");
                }
            }

            return await next(context);
        }

        /// <summary>The allowances a call counts against: the tier's, and for the auth tier also the address's own.</summary>
        private IEnumerable<(string Name, string Partition, TierLimit Limit)> Allowances(EndpointFilterInvocationContext context, RateLimitOptions options)
        {
            var tierName = tier.ToString().ToLowerInvariant();
            yield return (tierName, Partition(context), options.For(tier));
            if (tier == RateLimitTier.Auth)
            {
                yield return ($"{tierName}-address", ClientAddresses.PartitionOf(context.HttpContext.Connection.RemoteIpAddress), options.AuthPerAddress);
            }
        }

        private string Partition(EndpointFilterInvocationContext context)
        {
            var address = ClientAddresses.PartitionOf(context.HttpContext.Connection.RemoteIpAddress);
            if (tier == RateLimitTier.Auth)
            {
                // Every way of writing one number shares one allowance.
                var phone = context.Arguments.OfType<IPhoneNumbered>().FirstOrDefault()?.PhoneNo ?? "";
                var numbers = context.HttpContext.RequestServices.GetRequiredService<PlayerPhoneNumbers>();
                return $"{address}|{(numbers.TryCanonicalize(phone, out var e164, out _) ? e164 : phone[..Math.Min(phone.Length, 32)])}";
            }

            return context.HttpContext.User.UserIdOrDefault() is { } userId ? $"user-{userId}" : $"ip-{address}";
        }
    }
}
