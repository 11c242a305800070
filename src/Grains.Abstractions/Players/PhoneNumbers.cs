using PhoneNumbers;

namespace GameServer.Players;

/// <summary>
/// The <c>Players</c> section: how phone numbers without a country code are read (SPEC §4: default
/// region India). A region is an ISO 3166-1 alpha-2 code as libphonenumber knows it.
/// </summary>
public sealed class PhoneNumberOptions
{
    public const string Section = "Players";

    /// <summary>India, where the product's players are (SPEC §4).</summary>
    public const string DefaultRegionCode = "IN";

    public string DefaultRegion { get; set; } = DefaultRegionCode;
}

/// <summary>
/// One canonical form per subscriber (SPEC §4): <c>9876543210</c>, <c>09876543210</c>,
/// <c>919876543210</c> and <c>+91 98765 43210</c> are all <c>+919876543210</c> (E.164, ITU-T
/// E.164 / RFC 3966). Parsing and validation are Google's libphonenumber; only digits, spaces,
/// <c>+ - ( ) .</c> are accepted first, so that letters are never read as keypad digits.
/// </summary>
public static class PhoneNumberRules
{
    /// <summary>Longest input accepted before parsing: an E.164 number has at most 15 digits; the rest is room for spacing.</summary>
    public const int MaxInputLength = 32;

    /// <summary>E.164: a plus sign and at most 15 digits.</summary>
    private const int MaxE164Length = 16;

    /// <summary>libphonenumber's "unknown region": a number must then carry its own country code.</summary>
    private const string NoDefaultRegion = "ZZ";

    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// The E.164 form of <paramref name="text"/>, read in <paramref name="defaultRegion"/> when it has
    /// no country code; or a problem to show the client (400) when it is not a valid number.
    /// </summary>
    public static bool TryCanonicalize(string? text, string defaultRegion, out string e164, out string? problem)
    {
        e164 = "";
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "phone_no is required.";
            return false;
        }

        if (text.Length > MaxInputLength || !text.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.'))
        {
            problem = "phone_no must be a phone number: digits, optionally with a country code.";
            return false;
        }

        try
        {
            var number = Numbers.Parse(text, defaultRegion);
            if (Numbers.IsValidNumber(number))
            {
                e164 = Numbers.Format(number, PhoneNumberFormat.E164);
                return true;
            }
        }
        catch (NumberParseException)
        {
            // Answered below like any other number that is not valid.
        }

        problem = "phone_no is not a valid phone number.";
        return false;
    }

    /// <summary>The E.164 form, for a number already known to be valid (configuration, tests); throws otherwise.</summary>
    public static string Canonical(string text, string defaultRegion = PhoneNumberOptions.DefaultRegionCode) =>
        TryCanonicalize(text, defaultRegion, out var e164, out var problem) ? e164 : throw new ArgumentException(problem, nameof(text));

    /// <summary>True for a number in E.164 form as <see cref="TryCanonicalize"/> writes it.</summary>
    public static bool IsCanonical(string text) =>
        text.Length is > 2 and <= MaxE164Length && text[0] == '+' && text.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0
        && TryCanonicalize(text, NoDefaultRegion, out var e164, out _) && e164 == text;
}
