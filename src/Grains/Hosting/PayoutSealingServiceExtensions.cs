using GameServer.Grains.Wallet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameServer.Grains.Hosting;

/// <summary>The <see cref="PayoutSealer"/> of a silo, from <c>Wallet:PayoutSealingKey</c> and <c>Wallet:PreviousPayoutSealingKeys</c>.</summary>
public static class PayoutSealingServiceExtensions
{
    /// <summary>
    /// Production: the keys are required and checked when the host starts, so a silo without a usable key
    /// (missing, not 32 bytes of base64, or the public development key) does not start, and the message names
    /// the setting (<see cref="PayoutSealer.KeyRequirement"/>).
    /// </summary>
    public static IServiceCollection AddProductionPayoutSealing(this IServiceCollection services)
    {
        services.AddOptions<WalletOptions>()
            .Validate(PayoutSealer.IsUsableInProduction, PayoutSealer.KeyRequirement)
            .ValidateOnStart();
        services.TryAddSingleton(provider => PayoutSealer.FromOptions(provider.GetRequiredService<IOptions<WalletOptions>>().Value, provider.GetService<ILogger<PayoutSealer>>()));
        return services;
    }

    /// <summary>
    /// Development and tests: the configured keys if any, else the fixed development key, so the profile
    /// starts with no configuration (its grain state is in memory and lost at stop anyway).
    /// </summary>
    public static IServiceCollection AddDevelopmentPayoutSealing(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => PayoutSealer.ForDevelopment(provider.GetRequiredService<IOptions<WalletOptions>>().Value, provider.GetService<ILogger<PayoutSealer>>()));
        return services;
    }
}
