using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GameServer.ApiFrontend.Hosting;
using GameServer.Wallet;

namespace GameServer.ApiFrontend.Apis;

/// <summary>Parsing of the values requests carry, with the 400 message each refusal deserves.</summary>
public static class RequestValues
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxIdempotencyKeyLength = 64;
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>
    /// An amount as a JSON number (or numeric string, as some old clients send) with at most two
    /// decimals, positive and at most <paramref name="maximum"/>.
    /// </summary>
    public static Money Amount(JsonElement? value, Money maximum, string field = "amount")
    {
        var text = value?.ValueKind switch
        {
            JsonValueKind.Number => value.Value.GetRawText(),
            JsonValueKind.String => value.Value.GetString(),
            null or JsonValueKind.Null or JsonValueKind.Undefined => throw GameServerException.Invalid($"{field} is required."),
            _ => null,
        };
        if (text is null || !Money.TryParse(text, out var amount))
        {
            throw GameServerException.Invalid($"{field} must be a positive number with at most two decimals.");
        }

        if (!amount.IsPositive)
        {
            throw GameServerException.Invalid($"{field} must be positive.");
        }

        return amount <= maximum ? amount : throw GameServerException.Invalid($"{field} must be at most {maximum}.");
    }

    /// <summary>1-based page and a limit of 1 to 100.</summary>
    public static (int Page, int Limit) Paging(int? page, int? limit)
    {
        var (p, l) = (page ?? 1, limit ?? DefaultPageSize);
        return p < 1 || l < 1 || l > MaxPageSize
            ? throw GameServerException.Invalid($"page must be 1 or more and limit 1 to {MaxPageSize}.")
            : (p, l);
    }

    /// <summary>A UTC day as <c>yyyy-MM-dd</c>; none (null or empty) is null; anything else is 400 naming <paramref name="field"/>.</summary>
    public static DateOnly? Day(string? text, string field) =>
        string.IsNullOrEmpty(text) ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw GameServerException.Invalid($"{field} must be a date as yyyy-MM-dd.");

    /// <summary>
    /// The ledger entry type a <c>type</c> query value names, by the wire name the JSON uses for it
    /// (<c>deposit</c>, <c>bet_stake</c>, <c>referral_commission</c> …, any case); none (null or empty) is every
    /// type. Anything else is 400 with the valid names.
    /// </summary>
    public static LedgerEntryType? EntryType(string? type) =>
        LedgerEntryTypes.TryParseFilter(type, out var parsed, out var problem) ? parsed : throw GameServerException.Invalid(problem!);

    /// <summary>
    /// The client's Idempotency-Key (1–64 printable ASCII characters) or, without one, a fresh key so
    /// that the request happens once. Combined with a scope and the caller into an opaque id, which the
    /// request's log lines carry from here on (<see cref="RequestLogIds"/>).
    /// </summary>
    public static string OperationId(HttpContext context, string scope, long callerId)
    {
        var key = context.Request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length == 0)
        {
            key = Guid.NewGuid().ToString("N");
        }
        else if (key.Length > MaxIdempotencyKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            throw GameServerException.Invalid($"{IdempotencyKeyHeader} must be 1 to {MaxIdempotencyKeyLength} printable ASCII characters.");
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}|{callerId}|{key}"));
        var operationId = $"{scope}-{Convert.ToHexStringLower(digest)[..24]}";
        if (RequestLogIds.Of(context) is { } logIds)
        {
            logIds.OperationId = operationId;
        }

        return operationId;
    }
}
