using GameServer.Wallet;

namespace GameServer.Grains.Wallet;

[GenerateSerializer]
public sealed class WithdrawalDeskState
{
    [Id(0)] public Dictionary<string, Withdrawal> Withdrawals { get; set; } = new(StringComparer.Ordinal);
}

public sealed class WithdrawalDeskGrain(
    [PersistentState("withdrawal-desk")] IPersistentState<WithdrawalDeskState> state,
    GameClock clock) : Grain, IWithdrawalDeskGrain
{
    public async Task File(Withdrawal withdrawal)
    {
        if (state.State.Withdrawals.ContainsKey(withdrawal.WithdrawalId))
        {
            return;
        }

        state.State.Withdrawals[withdrawal.WithdrawalId] = withdrawal with { Status = WithdrawalStatus.Pending };
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<Withdrawal>> List(WithdrawalStatus status, int page, int limit)
    {
        IReadOnlyList<Withdrawal> found = state.State.Withdrawals.Values
            .Where(withdrawal => withdrawal.Status == status)
            .OrderByDescending(withdrawal => withdrawal.RequestedAt)
            .Skip((page - 1) * limit)
            .Take(limit)
            .ToList();
        return Task.FromResult(found);
    }

    public async Task<Withdrawal> Decide(string withdrawalId, bool approve, long adminId)
    {
        if (!state.State.Withdrawals.TryGetValue(withdrawalId, out var withdrawal))
        {
            throw GameServerException.NotFound("No such withdrawal.");
        }

        if (withdrawal.Status != WithdrawalStatus.Pending)
        {
            throw GameServerException.Conflict($"This withdrawal is already {withdrawal.Status.ToString().ToLowerInvariant()}.");
        }

        // The wallet settles by the withdrawal id, once: a retry after a crash here repeats the same entry.
        await GrainFactory.GetGrain<IWalletGrain>(withdrawal.UserId).SettleWithdrawal(withdrawalId, withdrawal.Amount, approve, adminId);

        var decided = withdrawal with
        {
            Status = approve ? WithdrawalStatus.Paid : WithdrawalStatus.Rejected,
            DecidedBy = adminId,
            DecidedAt = clock.GetUtcNow(),
        };
        state.State.Withdrawals[withdrawalId] = decided;
        await state.WriteStateAsync();
        return decided;
    }
}
