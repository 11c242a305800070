using System.Collections;
using System.Globalization;
using System.Text;

namespace GameServer;

/// <summary>
/// What a log line is about, as a logging scope: the player, the bet, the game and period, and the
/// money operation (the idempotency key of a deposit order, withdrawal, adjustment or bonus). The
/// JSON console format writes each id that is set as a field of the scope (<c>UserId</c>,
/// <c>BetId</c>, <c>Game</c>, <c>PeriodId</c>, <c>OperationId</c>); ids not set are left out.
/// </summary>
/// <remarks>
/// The scope is read when a line is written, not when it is opened, so an id learnt part-way through
/// a request (the bet id once the endpoint has made it) still reaches the lines written after it.
/// </remarks>
public sealed class LogIds : IReadOnlyList<KeyValuePair<string, object?>>
{
    public long? UserId { get; set; }

    public string? BetId { get; set; }

    /// <summary>The game and duration, e.g. <c>wingo-60</c>: a period id names a period of every game alike.</summary>
    public string? Game { get; set; }

    public string? PeriodId { get; set; }

    public string? OperationId { get; set; }

    /// <summary>Whether no id is set (such a scope is not worth opening).</summary>
    public bool IsEmpty => Count == 0;

    public int Count =>
        (UserId is null ? 0 : 1) + (BetId is null ? 0 : 1) + (Game is null ? 0 : 1) + (PeriodId is null ? 0 : 1) + (OperationId is null ? 0 : 1);

    public KeyValuePair<string, object?> this[int index]
    {
        get
        {
            foreach (var pair in this)
            {
                if (index-- == 0)
                {
                    return pair;
                }
            }

            throw new ArgumentOutOfRangeException(nameof(index));
        }
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        if (UserId is { } userId)
        {
            yield return new(nameof(UserId), userId);
        }

        if (BetId is { } betId)
        {
            yield return new(nameof(BetId), betId);
        }

        if (Game is { } game)
        {
            yield return new(nameof(Game), game);
        }

        if (PeriodId is { } periodId)
        {
            yield return new(nameof(PeriodId), periodId);
        }

        if (OperationId is { } operationId)
        {
            yield return new(nameof(OperationId), operationId);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The ids as <c>UserId:42 BetId:…</c>: the scope's <c>Message</c> in JSON and its text in the plain console format.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (key, value) in this)
        {
            text.Append(text.Length == 0 ? "" : " ").Append(key).Append(':').Append(Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
