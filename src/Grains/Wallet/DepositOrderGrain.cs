using GameServer.Wallet;

namespace GameServer.Grains.Wallet;

[GenerateSerializer]
public sealed class DepositOrderState
{
    [Id(0)] public DepositOrder? Order { get; set; }
}

public sealed class DepositOrderGrain(
    [PersistentState("deposit-order")] IPersistentState<DepositOrderState> state,
    GameClock clock) : Grain, IDepositOrderGrain
{
    private string OrderId => this.GetPrimaryKeyString();

    public async Task<DepositOrder> Create(long userId, Money amount, string gateway)
    {
        if (state.State.Order is { } existing)
        {
            return existing.UserId == userId && existing.Amount == amount && existing.Gateway == gateway
                ? existing
                : throw GameServerException.Conflict("This idempotency key was already used for a different deposit.");
        }

        await GrainFactory.GetGrain<IWalletGrain>(userId).ReserveDeposit(OrderId, amount);
        state.State.Order = new DepositOrder(OrderId, userId, amount, gateway, DepositStatus.Pending, clock.GetUtcNow(), null);
        await state.WriteStateAsync();
        return state.State.Order;
    }

    public Task<DepositOrder> GetOrder() =>
        state.State.Order is { } order ? Task.FromResult(order) : throw GameServerException.NotFound("No such deposit order.");

    public async Task<DepositOrder> Complete(bool paid, Money amount, string gateway)
    {
        var order = state.State.Order ?? throw GameServerException.NotFound("No such deposit order.");
        if (order.Gateway != gateway || order.Amount != amount)
        {
            throw GameServerException.Conflict("The gateway's amount or name does not match the order.");
        }

        var verdict = paid ? DepositStatus.Paid : DepositStatus.Failed;
        if (order.Status != DepositStatus.Pending)
        {
            // A replayed or repeated callback: the first verdict stands.
            return order.Status == verdict ? order : throw GameServerException.Conflict($"The order is already {order.Status.ToString().ToLowerInvariant()}.");
        }

        var wallet = GrainFactory.GetGrain<IWalletGrain>(order.UserId);
        await (paid ? wallet.CreditDeposit(OrderId, amount, gateway) : wallet.ReleaseDeposit(OrderId));

        state.State.Order = order with { Status = verdict, CompletedAt = clock.GetUtcNow() };
        await state.WriteStateAsync();
        return state.State.Order;
    }
}
