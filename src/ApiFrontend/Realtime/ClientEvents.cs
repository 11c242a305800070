using GameServer.Games;
using GameServer.Wallet;

namespace GameServer.ApiFrontend.Realtime;

/// <summary>The SignalR methods clients listen on and the payloads they receive (snake_case JSON).</summary>
public static class ClientEvents
{
    public const string PeriodOpened = "periodOpened";
    public const string BettingClosed = "bettingClosed";
    public const string GameResult = "gameResult";
    public const string BetSettled = "betSettled";
    public const string BalanceChanged = "balanceChanged";

    /// <summary>Staff suspended the player: the connection closes next (SPEC §4).</summary>
    public const string AccountSuspended = "accountSuspended";

    /// <summary>A new announcement for the connection's audience (SPEC §4), as <see cref="Players.Announcement"/>.</summary>
    public const string Announcement = "announcement";

    public static (string Method, object Payload) ForGame(GameEvent gameEvent) => gameEvent switch
    {
        PeriodOpened opened => (PeriodOpened, new PeriodOpenedMessage(opened.Game.Game.WireName(), opened.Game.DurationSeconds, opened.PeriodId,
            opened.BettingClosesAt, opened.EndsAt, opened.Commit)),
        BettingClosed closed => (BettingClosed, new BettingClosedMessage(closed.Game.Game.WireName(), closed.Game.DurationSeconds, closed.PeriodId, closed.EndsAt)),
        ResultDrawn drawn => (GameResult, new GameResultMessage(drawn.Game.Game.WireName(), drawn.Game.DurationSeconds, drawn.PeriodId,
            drawn.Result.Values, drawn.Result.Hash, drawn.Seed, drawn.Commit, drawn.DrawnAt)),
        _ => throw new ArgumentOutOfRangeException(nameof(gameEvent), gameEvent.GetType().Name),
    };
}

public sealed record PeriodOpenedMessage(string Game, int Duration, string PeriodId, DateTimeOffset BettingClosesAt, DateTimeOffset EndsAt, string Commit);

public sealed record BettingClosedMessage(string Game, int Duration, string PeriodId, DateTimeOffset EndsAt);

public sealed record GameResultMessage(string Game, int Duration, string PeriodId, IReadOnlyList<int> Result, string? Hash, string Seed, string Commit, DateTimeOffset DrawnAt);

/// <summary>
/// One of the player's bets settled: <see cref="Status"/> won, lost or refunded, <see cref="Payout"/>
/// what it paid (the stake, for a refund). <see cref="Balance"/> is the player's balance as of ledger
/// entry <see cref="Seq"/>; a player's events arrive in ledger order, so the newest seq is the balance to show.
/// </summary>
public sealed record BetSettledMessage(
    string BetId, string Game, int Duration, string PeriodId, bool Won, BetOutcomeKind Status, Money Payout, Money Balance, long Seq);

/// <summary>
/// The player's balance and held funds as of ledger entry <see cref="Seq"/> (SPEC §7), and the type of
/// that entry (<c>deposit</c>, <c>bet_stake</c>, <c>withdrawal_hold</c> …) when this event reports it.
/// </summary>
public sealed record BalanceChangedMessage(Money Balance, Money Held, long Seq, LedgerEntryType? Type);

/// <summary>Staff suspended the account of <see cref="UserId"/>; the server closes the connection after this.</summary>
public sealed record AccountSuspendedMessage(long UserId);
