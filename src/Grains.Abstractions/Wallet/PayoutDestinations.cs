using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace GameServer.Wallet;

/// <summary>Where a withdrawal is paid (SPEC §5). On the wire by <see cref="PayoutKinds.WireName"/>: <c>bank</c>, <c>upi</c>, <c>usdt_trc20</c>.</summary>
public enum PayoutKind
{
    /// <summary>An Indian bank account: holder name, account number and the branch's IFSC.</summary>
    Bank,

    /// <summary>A UPI id (virtual payment address, <c>handle@psp</c>).</summary>
    Upi,

    /// <summary>A USDT (TRC-20) address on the TRON network.</summary>
    UsdtTrc20,
}

/// <summary>The wire names of <see cref="PayoutKind"/>, read back from a request in one place.</summary>
public static class PayoutKinds
{
    /// <summary>Every kind by its wire name (any case).</summary>
    public static readonly IReadOnlyDictionary<string, PayoutKind> WireNames = Enum.GetValues<PayoutKind>()
        .ToDictionary(WireName, kind => kind, StringComparer.OrdinalIgnoreCase);

    /// <summary>The snake_case name the JSON uses: <c>bank</c>, <c>upi</c>, <c>usdt_trc20</c>.</summary>
    public static string WireName(this PayoutKind kind) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    /// <summary>The kind named by <paramref name="name"/> (any case); anything else, none included, is <see cref="ErrorKind.Invalid"/> naming the valid ones.</summary>
    public static PayoutKind Parse(string? name) =>
        name is not null && WireNames.TryGetValue(name.Trim(), out var kind)
            ? kind
            : throw GameServerException.Invalid($"kind must be one of: {string.Join(", ", Enum.GetValues<PayoutKind>().Select(WireName))}.");
}

/// <summary>
/// Where a withdrawal's money goes, with the fields of its <see cref="Kind"/> only, validated and in
/// canonical form (<see cref="PayoutDestinationRules"/>): a bank account (<see cref="HolderName"/>,
/// <see cref="AccountNumber"/>, <see cref="Ifsc"/>), a UPI id (<see cref="Vpa"/>) or a TRON address
/// (<see cref="Address"/>). Made by <see cref="Create"/>, which refuses (<see cref="ErrorKind.Invalid"/>) anything else.
/// On the wire: <c>{kind: "bank", holder_name, account_number, ifsc}</c>, <c>{kind: "upi", vpa}</c> or
/// <c>{kind: "usdt_trc20", address}</c>; the other fields are left out.
/// <see cref="Masked"/> is the form everyone but finance staff sees.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PayoutDestination(
    [property: Id(0)] PayoutKind Kind,
    [property: Id(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? HolderName = null,
    [property: Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AccountNumber = null,
    [property: Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Ifsc = null,
    [property: Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Vpa = null,
    [property: Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Address = null)
{
    /// <summary>
    /// A destination of <paramref name="kind"/> from what a player typed: each field of that kind is required,
    /// checked and put in canonical form (<see cref="PayoutDestinationRules"/>); a field of another kind is
    /// refused rather than dropped, so a player never saves something other than what they sent.
    /// </summary>
    /// <exception cref="GameServerException"><see cref="ErrorKind.Invalid"/>, naming the field and its rule.</exception>
    public static PayoutDestination Create(PayoutKind kind, string? holderName = null, string? accountNumber = null, string? ifsc = null, string? vpa = null, string? address = null)
    {
        var given = new (string Field, string? Value, bool Belongs)[]
        {
            ("holder_name", holderName, kind == PayoutKind.Bank),
            ("account_number", accountNumber, kind == PayoutKind.Bank),
            ("ifsc", ifsc, kind == PayoutKind.Bank),
            ("vpa", vpa, kind == PayoutKind.Upi),
            ("address", address, kind == PayoutKind.UsdtTrc20),
        };
        if (given.FirstOrDefault(field => field.Value is not null && !field.Belongs) is { Field: { } foreign })
        {
            throw GameServerException.Invalid($"{foreign} is not a field of a {kind.WireName()} payout method.");
        }

        return kind switch
        {
            PayoutKind.Bank => new PayoutDestination(kind,
                HolderName: Require(PayoutDestinationRules.NormalizeHolderName(holderName), "holder_name", PayoutDestinationRules.HolderNameRule),
                AccountNumber: Require(PayoutDestinationRules.NormalizeAccountNumber(accountNumber), "account_number", PayoutDestinationRules.AccountNumberRule),
                Ifsc: Require(PayoutDestinationRules.NormalizeIfsc(ifsc), "ifsc", PayoutDestinationRules.IfscRule)),
            PayoutKind.Upi => new PayoutDestination(kind, Vpa: Require(PayoutDestinationRules.NormalizeVpa(vpa), "vpa", PayoutDestinationRules.VpaRule)),
            PayoutKind.UsdtTrc20 => new PayoutDestination(kind, Address: TronAddress(address)),
            _ => throw GameServerException.Invalid($"kind {kind} is not a payout method."),
        };
    }

    /// <summary>
    /// This destination checked again and in canonical form: what a grain does with one it was sent, since
    /// only <see cref="Create"/> makes a valid one and a message can be built by anyone.
    /// </summary>
    /// <exception cref="GameServerException"><see cref="ErrorKind.Invalid"/>, as <see cref="Create"/>.</exception>
    public PayoutDestination Validated() => Create(Kind, HolderName, AccountNumber, Ifsc, Vpa, Address);

    /// <summary>
    /// The destination as a player, support staff or a log may see it: the account number as
    /// <c>XXXXXX1234</c>, the UPI id as <c>ab***@okaxis</c>, the TRON address as <c>TR7N…Lj6t</c>; the
    /// holder's name and the IFSC (a public branch code) stay, so a player recognises their method. For
    /// display only: a masked destination is not a valid one.
    /// </summary>
    public PayoutDestination Masked() => this with
    {
        AccountNumber = AccountNumber is null ? null : PayoutDestinationRules.MaskAccountNumber(AccountNumber),
        Vpa = Vpa is null ? null : PayoutDestinationRules.MaskVpa(Vpa),
        Address = Address is null ? null : PayoutDestinationRules.MaskTronAddress(Address),
    };

    private static string Require(string? normalized, string field, string rule) =>
        normalized ?? throw GameServerException.Invalid($"{field} {rule}");

    private static string TronAddress(string? address)
    {
        var trimmed = address?.Trim();
        return PayoutDestinationRules.TronAddressProblem(trimmed) is { } problem ? throw GameServerException.Invalid($"address {problem}") : trimmed!;
    }
}

/// <summary>
/// The format rules of payout destinations, as the schemes that route the money define them, and how
/// each is masked. Pure functions; a normalizer returns null for a value its rule refuses.
/// </summary>
public static class PayoutDestinationRules
{
    public const int HolderNameMinLength = 2;
    public const int HolderNameMaxLength = 100;
    public const int AccountNumberMinDigits = 9;
    public const int AccountNumberMaxDigits = 18;
    public const int VpaLocalMinLength = 2;
    public const int VpaLocalMaxLength = 256;
    public const int VpaHandleMinLength = 2;
    public const int VpaHandleMaxLength = 64;
    public const int TronAddressLength = 34;

    /// <summary>What a TRON address's base58check payload starts with (mainnet): its base58 text then starts with T.</summary>
    public const byte TronAddressPrefix = 0x41;

    /// <summary>Bitcoin's base58 alphabet, which TRON uses: no 0, O, I or l to misread.</summary>
    public const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public const string HolderNameRule = "must be the account holder's name as the bank has it: 2 to 100 characters, Latin letters, spaces and . ' -";
    public const string AccountNumberRule = "must be 9 to 18 digits (spaces are ignored).";
    public const string IfscRule = "must be the branch's IFSC: 11 characters, 4 letters (the bank), 0, then 6 letters or digits (the branch), e.g. HDFC0001234.";
    public const string VpaRule = "must be a UPI id such as name@okaxis: 2 to 256 letters, digits, '.', '-' or '_', then @ and the app's handle of 2 to 64 letters or digits.";

    /// <summary>The length of a decoded TRON address: the prefix, a 20-byte account id and a 4-byte checksum.</summary>
    private const int TronPayloadLength = 25;
    private const int ChecksumLength = 4;
    private const int VisibleDigits = 4;
    private const string MaskedDigits = "XXXXXX";

    /// <summary>
    /// The holder's name trimmed, runs of spaces made one; null unless it is 2–100 characters of Latin
    /// letters, spaces, <c>.</c>, <c>'</c> and <c>-</c> with at least one letter. Latin letters because a
    /// bank transfer (NEFT, IMPS) carries the beneficiary's name as the bank's records have it, in Latin
    /// script.
    /// </summary>
    public static string? NormalizeHolderName(string? name)
    {
        if (name is null)
        {
            return null;
        }

        var collapsed = string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length is >= HolderNameMinLength and <= HolderNameMaxLength
            && collapsed.All(c => char.IsAsciiLetter(c) || c is ' ' or '.' or '\'' or '-')
            && collapsed.Any(char.IsAsciiLetter)
            ? collapsed
            : null;
    }

    /// <summary>
    /// The account number without its spaces; null unless 9 to 18 ASCII digits remain (Indian banks'
    /// account numbers run from 9 to 18 digits). Leading zeros are part of the number.
    /// </summary>
    public static string? NormalizeAccountNumber(string? number)
    {
        var digits = number?.Replace(" ", "", StringComparison.Ordinal);
        return digits is { Length: >= AccountNumberMinDigits and <= AccountNumberMaxDigits } && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>
    /// The IFSC upper-cased; null unless it has the RBI's format: four letters (the bank), a zero (kept for
    /// future use), six letters or digits (the branch), i.e. <c>^[A-Z]{4}0[A-Z0-9]{6}$</c>.
    /// </summary>
    public static string? NormalizeIfsc(string? ifsc)
    {
        var code = ifsc?.Trim().ToUpperInvariant();
        return code is { Length: 11 } && code[..4].All(char.IsAsciiLetterUpper) && code[4] == '0' && code[5..].All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c))
            ? code
            : null;
    }

    /// <summary>
    /// The UPI id (NPCI's virtual payment address, <c>handle@psp</c>) trimmed and lower-cased (UPI ids are
    /// not case-sensitive); null unless the part before the single <c>@</c> is 2 to 256 letters, digits,
    /// <c>.</c>, <c>-</c> or <c>_</c> and the payment app's handle after it 2 to 64 letters or digits.
    /// </summary>
    public static string? NormalizeVpa(string? vpa)
    {
        var text = vpa?.Trim().ToLowerInvariant();
        if (text is null || text.Split('@') is not [var local, var handle])
        {
            return null;
        }

        return local.Length is >= VpaLocalMinLength and <= VpaLocalMaxLength
            && local.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_')
            && handle.Length is >= VpaHandleMinLength and <= VpaHandleMaxLength
            && handle.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            ? text
            : null;
    }

    /// <summary>
    /// Why <paramref name="address"/> is not a TRON address, or null when it is one: 34 base58 characters
    /// starting with <c>T</c> that decode (base58check) to 25 bytes, the first <c>0x41</c>, the last four
    /// the first four of SHA-256(SHA-256(the first 21)). Case matters: base58 tells <c>a</c> from <c>A</c>.
    /// </summary>
    public static string? TronAddressProblem(string? address)
    {
        const string Shape = "must be a TRON address: 34 characters starting with T, in base58 (no 0, O, I or l).";
        if (address is not { Length: TronAddressLength } || address[0] != 'T' || !TryDecodeBase58(address, out var payload))
        {
            return Shape;
        }

        if (payload.Length != TronPayloadLength || payload[0] != TronAddressPrefix)
        {
            return "is not a TRON mainnet address.";
        }

        var checksum = SHA256.HashData(SHA256.HashData(payload.AsSpan(0, TronPayloadLength - ChecksumLength)));
        return checksum.AsSpan(0, ChecksumLength).SequenceEqual(payload.AsSpan(TronPayloadLength - ChecksumLength))
            ? null
            : "is not a valid TRON address: its checksum does not match (is a character mistyped?).";
    }

    /// <summary>Decodes base58 (<see cref="Base58Alphabet"/>); each leading <c>1</c> is a zero byte. False for any other character.</summary>
    public static bool TryDecodeBase58(string text, out byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Big-endian base-256 digits, multiplied by 58 and added to for each character; log(58)/log(256) < 0.733.
        var size = (text.Length * 733 / 1000) + 1;
        var number = new byte[size];
        var used = 0;
        foreach (var c in text)
        {
            var carry = Base58Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (carry < 0)
            {
                bytes = [];
                return false;
            }

            var written = 0;
            for (var k = size - 1; (carry != 0 || written < used) && k >= 0; k--, written++)
            {
                carry += 58 * number[k];
                number[k] = (byte)(carry % 256);
                carry /= 256;
            }

            used = written;
        }

        var zeros = text.TakeWhile(c => c == '1').Count();
        var start = size - used;
        while (start < size && number[start] == 0)
        {
            start++;
        }

        bytes = new byte[zeros + (size - start)];
        number.AsSpan(start).CopyTo(bytes.AsSpan(zeros));
        return true;
    }

    /// <summary><c>XXXXXX</c> and the last four digits, whatever the number's length, so the mask tells nothing of it.</summary>
    public static string MaskAccountNumber(string accountNumber)
    {
        ArgumentNullException.ThrowIfNull(accountNumber);
        return MaskedDigits + accountNumber[Math.Max(0, accountNumber.Length - VisibleDigits)..];
    }

    /// <summary>The first two characters of the UPI id's name (one of a two-character name), <c>***</c>, and the whole handle: <c>ab***@okaxis</c>.</summary>
    public static string MaskVpa(string vpa)
    {
        ArgumentNullException.ThrowIfNull(vpa);
        var at = vpa.LastIndexOf('@');
        var local = at < 0 ? vpa : vpa[..at];
        var shown = local.Length > 2 ? 2 : Math.Max(0, local.Length - 1);
        return string.Create(CultureInfo.InvariantCulture, $"{local[..shown]}***{(at < 0 ? "" : vpa[at..])}");
    }

    /// <summary>The first and last four characters of a TRON address: <c>TR7N…Lj6t</c>.</summary>
    public static string MaskTronAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Length <= 2 * VisibleDigits ? "…" : $"{address[..VisibleDigits]}…{address[^VisibleDigits..]}";
    }
}

/// <summary>
/// One of a player's saved payout methods: its id (<c>pm_</c> and 16 hex digits, unique per player), the
/// destination (full: only the wallet and finance staff see it so), when it was added and last changed,
/// and <see cref="UsableFrom"/>, when it may first receive a withdrawal: the last change plus the
/// cooling-off (<c>Wallet:PayoutMethodCoolingOff</c>, 24 h by default), the guard against someone who took
/// over the account sending its money elsewhere at once.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PayoutMethod(
    [property: Id(0)] string MethodId,
    [property: Id(1)] PayoutDestination Destination,
    [property: Id(2)] DateTimeOffset AddedAt,
    [property: Id(3)] DateTimeOffset ChangedAt,
    [property: Id(4)] DateTimeOffset UsableFrom);

/// <summary>The rules of saved payout methods (SPEC §5) that are not a destination's format.</summary>
public static class PayoutMethodRules
{
    /// <summary>How many methods one player may keep: enough for a bank, a UPI id and a wallet or two, few enough to review.</summary>
    public const int MaxSaved = 5;

    /// <summary>The problem member that carries <see cref="PayoutMethod.UsableFrom"/> (ISO 8601, UTC) in a refusal.</summary>
    public const string UsableFromMember = "usable_from";

    /// <summary>
    /// Why <paramref name="method"/> may not receive a withdrawal at <paramref name="now"/>, or null: within its
    /// cooling-off, a <see cref="ErrorKind.Conflict"/> naming the UTC time it ends, which it also carries as the
    /// machine-readable <see cref="UsableFromMember"/>.
    /// </summary>
    public static GameServerException? CoolingOffRefusal(PayoutMethod method, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.UsableFrom <= now)
        {
            return null;
        }

        var usableFrom = method.UsableFrom.UtcDateTime;
        return GameServerException.Conflict(string.Create(CultureInfo.InvariantCulture,
                $"Payout method {method.MethodId} was added or changed recently and can receive withdrawals from {usableFrom:yyyy-MM-dd HH:mm:ss} UTC."))
            .WithExtension(UsableFromMember, usableFrom.ToString("O", CultureInfo.InvariantCulture));
    }
}
