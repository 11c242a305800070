using GameServer.Grains.Wallet;
using GameServer.Referral;
using GameServer.Wallet;
using Microsoft.Extensions.Options;

namespace GameServer.Grains.Referral;

[GenerateSerializer]
public sealed class AttendanceState
{
    [Id(0)] public DateOnly? LastClaimDay { get; set; }
    [Id(1)] public int Streak { get; set; }
}

/// <summary>
/// Daily attendance. The bonus is credited before the claim is recorded, under an operation id of
/// the day, so a crash in between is mended by the next claim and never pays twice.
/// </summary>
public sealed class AttendanceGrain(
    [PersistentState("attendance")] IPersistentState<AttendanceState> state,
    GameClock clock,
    IOptions<ReferralOptions> options) : Grain, IAttendanceGrain
{
    private long UserId => this.GetPrimaryKeyLong();

    private IReadOnlyList<AttendanceDay> Days => options.Value.AttendanceDays;

    public async Task<AttendanceStatus> GetStatus() => Status(await TotalRecharge(), Today());

    public async Task<AttendanceStatus> Claim()
    {
        var today = Today();
        if (state.State.LastClaimDay == today)
        {
            throw GameServerException.Conflict("Today's attendance is already claimed.");
        }

        var day = NextDay(today);
        var rule = Days[day - 1];
        var recharge = await TotalRecharge();
        if (recharge < rule.Threshold)
        {
            throw GameServerException.Conflict($"Day {day} pays {rule.Bonus} once your total recharge reaches {rule.Threshold} (it is {recharge}).");
        }

        await GrainFactory.GetGrain<IWalletGrain>(UserId)
            .CreditBonus(OperationIds.Attendance(today), LedgerEntryType.AttendanceBonus, rule.Bonus, $"attendance:day-{day}");
        state.State.LastClaimDay = today;
        state.State.Streak = day;
        await state.WriteStateAsync();
        return Status(recharge, today);
    }

    /// <summary>1 after a missed day (or the first claim), otherwise the day after yesterday's, starting over after 7.</summary>
    private int NextDay(DateOnly today) =>
        state.State.LastClaimDay == today.AddDays(-1) ? (state.State.Streak % Days.Count) + 1 : 1;

    /// <summary>The status on <paramref name="today"/>, the day the call read once: a claim just before midnight reports itself claimed.</summary>
    private AttendanceStatus Status(Money recharge, DateOnly today)
    {
        var claimedToday = state.State.LastClaimDay == today;
        var streak = state.State.LastClaimDay is { } last && last >= today.AddDays(-1) ? state.State.Streak : 0;
        var next = claimedToday ? (state.State.Streak % Days.Count) + 1 : NextDay(today);
        return new AttendanceStatus(streak, claimedToday, next, Days[next - 1].Bonus, Days[next - 1].Threshold, recharge);
    }

    private async Task<Money> TotalRecharge() => (await GrainFactory.GetGrain<IWalletGrain>(UserId).GetTotals()).Recharge;

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
