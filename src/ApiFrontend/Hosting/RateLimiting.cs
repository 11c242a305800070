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
        builder.Services.Configure<RateLimitOptions>(builder.Configuration.GetSection(RateLimitOptions.Section));
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

            var limit = options.For(tier);
            var permits = http.User.VipLevel() > RateLimitOptions.VipDoublingAbove ? limit.PermitLimit * 2 : limit.PermitLimit;
            var grains = http.RequestServices.GetRequiredService<IGrainFactory>();
            var decision = await grains.GetGrain<IRateLimiterGrain>(RateLimitKeys.For(tier.ToString().ToLowerInvariant(), Partition(context)))
                .TryAcquire(permits, limit.Window);
            if (decision.Allowed)
            {
                return await next(context);
            }

            var seconds = (int)Math.Ceiling(Math.Max(decision.RetryAfter.TotalSeconds, 1));
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests.",
                detail: $"The {tier.ToString().ToLowerInvariant()} limit is {permits} per {limit.Window}. Retry after {seconds} s.");
        }

        private string Partition(EndpointFilterInvocationContext context)
        {
            var address = context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (tier == RateLimitTier.Auth)
            {
                // Every way of writing one number shares one allowance.
                var phone = context.Arguments.OfType<IPhoneNumbered>().FirstOrDefault()?.PhoneNo ?? "";
                var numbers = context.HttpContext.RequestServices.GetRequiredService<Apis.PlayerPhoneNumbers>();
                return $"{address}|{(numbers.TryCanonicalize(phone, out var e164, out _) ? e164 : phone[..Math.Min(phone.Length, 32)])}";
            }

            return context.HttpContext.User.UserIdOrDefault() is { } userId ? $"user-{userId}" : $"ip-{address}";
        }
    }
}
