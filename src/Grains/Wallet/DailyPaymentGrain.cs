namespace GameServer.Grains.Wallet;

/// <summary>The state of a once-a-day payment job: the last UTC day it paid in full.</summary>
public interface IDailyPaymentState
{
    DateOnly? LastPaidDay { get; set; }
}

/// <summary>
/// A job that pays something once a day for the previous UTC day (the referral commission, the VIP rebate). A
/// reminder wakes it every hour; it pays every day not yet paid, in order, and records each day once paid, so a
/// run repeated or resumed after a silo failure pays nothing twice (each payment is idempotent by its day's
/// operation id as well).
/// </summary>
public abstract class DailyPaymentGrain<TState>(IPersistentState<TState> state, GameClock clock, string reminderName) : Grain, IRemindable
    where TState : IDailyPaymentState
{
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromHours(1);

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        await this.RegisterOrUpdateReminder(reminderName, TimeSpan.FromMinutes(1), ReminderPeriod, cancellationToken);

    public async Task ReceiveReminder(string reminderName, TickStatus status) => await PayDueDays();

    /// <summary>Pays every day not yet paid up to and including yesterday; returns the days paid.</summary>
    public async Task<IReadOnlyList<DateOnly>> PayDueDays()
    {
        var paid = new List<DateOnly>();
        foreach (var day in DailyPayouts.DueDays(state.State.LastPaidDay, clock.GetUtcNow()).ToList())
        {
            await PayDay(day);
            state.State.LastPaidDay = day;
            await state.WriteStateAsync();
            paid.Add(day);
        }

        return paid;
    }

    /// <summary>Pays one UTC day (idempotent); returns the total paid.</summary>
    public abstract Task<GameServer.Wallet.Money> PayDay(DateOnly day);
}
