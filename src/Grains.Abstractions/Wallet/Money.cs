using System.Globalization;

namespace GameServer.Wallet;

/// <summary>
/// An amount in minor units (paise). All arithmetic is on <see cref="long"/>; text with at most two
/// decimals is parsed and formatted only at the edge, never through floating point.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct Money([property: Id(0)] long MinorUnits) : IComparable<Money>
{
    public const int MinorUnitsPerMajor = 100;

    public static Money Zero => default;

    public static Money FromMajor(long major) => new(checked(major * MinorUnitsPerMajor));

    public bool IsPositive => MinorUnits > 0;

    public static Money operator +(Money left, Money right) => new(checked(left.MinorUnits + right.MinorUnits));
    public static Money operator -(Money left, Money right) => new(checked(left.MinorUnits - right.MinorUnits));
    public static Money operator -(Money value) => new(checked(-value.MinorUnits));
    public static bool operator <(Money left, Money right) => left.MinorUnits < right.MinorUnits;
    public static bool operator >(Money left, Money right) => left.MinorUnits > right.MinorUnits;
    public static bool operator <=(Money left, Money right) => left.MinorUnits <= right.MinorUnits;
    public static bool operator >=(Money left, Money right) => left.MinorUnits >= right.MinorUnits;

    public Money Add(Money other) => this + other;
    public Money Subtract(Money other) => this - other;
    public Money Negate() => -this;

    public int CompareTo(Money other) => MinorUnits.CompareTo(other.MinorUnits);

    /// <summary>Decimal text such as <c>12.50</c> or <c>-3.05</c>.</summary>
    public override string ToString()
    {
        var sign = MinorUnits < 0 ? "-" : "";
        var magnitude = MinorUnits == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(MinorUnits);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{magnitude / MinorUnitsPerMajor}.{magnitude % MinorUnitsPerMajor:D2}");
    }

    /// <summary>
    /// Parses a plain decimal number (<c>100</c>, <c>12.5</c>, <c>0.98</c>): digits, an optional point
    /// and at most two decimals. Signs, exponents, NaN and anything else are refused.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Money value)
    {
        value = Zero;
        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? ReadOnlySpan<char>.Empty : text[(point + 1)..];
        if (whole.IsEmpty || whole.Length > 15 || fraction.Length > 2 || (point >= 0 && fraction.IsEmpty))
        {
            return false;
        }

        long units = 0;
        foreach (var c in whole)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            units = (units * 10) + (c - '0');
        }

        for (var i = 0; i < 2; i++)
        {
            var c = i < fraction.Length ? fraction[i] : '0';
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            units = (units * 10) + (c - '0');
        }

        value = new Money(units);
        return true;
    }
}
