using GameServer.Games;
using GameServer.Wallet;
using static GameServer.Grains.Hosting.GrainCallLogIds;

namespace GameServer.Grains.Tests;

public sealed class GrainCallLogIdsTests
{
    [Theory]
    [InlineData(nameof(IWalletGrain.PlaceBet), nameof(IdSource.Bet))]
    [InlineData(nameof(IWalletGrain.SettleBets), nameof(IdSource.Period))]
    [InlineData(nameof(IWalletGrain.RefundBets), nameof(IdSource.Period))]
    [InlineData(nameof(IWalletGrain.ReserveDeposit), nameof(IdSource.OperationId))]
    [InlineData(nameof(IWalletGrain.ReleaseDeposit), nameof(IdSource.OperationId))]
    [InlineData(nameof(IWalletGrain.CreditDeposit), nameof(IdSource.OperationId))]
    [InlineData(nameof(IWalletGrain.RequestWithdrawal), nameof(IdSource.OperationId))]
    [InlineData(nameof(IWalletGrain.SettleWithdrawal), nameof(IdSource.OperationId))]
    [InlineData(nameof(IWalletGrain.AdminAdjust), nameof(IdSource.OperationId))]
    [InlineData(nameof(IWalletGrain.CreditBonus), nameof(IdSource.OperationId))]
    public void Every_wallet_call_that_moves_money_names_the_player_and_its_bet_period_or_operation_in_the_log_scope(string method, string expected)
    {
        var plan = PlanOf(typeof(IWalletGrain).GetMethod(method)!);

        Assert.Equal(KeyId.UserId, plan.Key);
        Assert.Equal(expected, Assert.Single(plan.Parameters).Source.ToString());
    }

    [Fact]
    public void A_deposit_orders_calls_name_the_order_as_the_operation_and_a_new_orders_player()
    {
        Assert.Equal(KeyId.OperationId, PlanOf(typeof(IDepositOrderGrain).GetMethod(nameof(IDepositOrderGrain.GetOrder))!).Key);
        Assert.Equal(IdSource.UserId, Assert.Single(PlanOf(typeof(IDepositOrderGrain).GetMethod(nameof(IDepositOrderGrain.Create))!).Parameters).Source);
    }

    [Fact]
    public void A_games_calls_about_a_period_name_the_game_and_its_polls_of_the_open_period_open_no_scope()
    {
        var admit = PlanOf(typeof(IGamePeriodGrain).GetMethod(nameof(IGamePeriodGrain.AdmitBet))!);
        var poll = PlanOf(typeof(IGamePeriodGrain).GetMethod(nameof(IGamePeriodGrain.GetOpenPeriod))!);

        Assert.Equal((KeyId.Game, IdSource.PeriodId), (admit.Key, Assert.Single(admit.Parameters).Source));
        Assert.True(poll.IsEmpty);
    }

    [Fact]
    public void A_wallets_reads_name_the_player_only()
    {
        var plan = PlanOf(typeof(IWalletGrain).GetMethod(nameof(IWalletGrain.GetBalance))!);

        Assert.Equal(KeyId.UserId, plan.Key);
        Assert.Empty(plan.Parameters);
    }
}
