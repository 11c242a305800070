using GameServer.Wallet;

namespace GameServer.Testing;

/// <summary>
/// A payout method for tests whose subject is not payout methods: every test silo runs with no cooling-off
/// (<see cref="SiloTestSettings.Defaults"/>), so a method saved here can receive a withdrawal at once.
/// </summary>
public static class TestPayoutMethods
{
    /// <summary>The UPI id saved for a wallet's player: one per player, so saving it again returns the same method.</summary>
    public static string UpiIdOf(long userId) => $"player{userId}@okaxis";

    /// <summary>Saves (or finds) the player's test UPI method and returns its id, for <see cref="IWalletGrain.RequestWithdrawal"/>.</summary>
    public static async Task<string> TestPayoutMethod(this IGrainFactory grains, IWalletGrain wallet)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(wallet);
        var userId = wallet.GetPrimaryKeyLong();
        var method = await grains.GetGrain<IPayoutMethodsGrain>(userId).Add(PayoutDestination.Create(PayoutKind.Upi, vpa: UpiIdOf(userId)));
        return method.MethodId;
    }
}
