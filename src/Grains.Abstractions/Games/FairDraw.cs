using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GameServer.Games;

/// <summary>
/// Commit, then reveal (SPEC §3): the result is a function of a random seed, published as its
/// SHA-256 before the period and revealed after it, so anyone can recompute it and nobody chooses it.
/// </summary>
public static class FairDraw
{
    public const int SeedBytes = 32;
    public const string Algorithm = "HMAC-SHA256(seed, \"{game}:{durationSeconds}:{periodId}:{counter}\"); digit = b mod 10 for b < 250; die = b mod 6 + 1 for b < 252; trx: right-most decimal digit of hex(HMAC(…:0))";

    private const int DigitRejectFrom = 250;
    private const int DieRejectFrom = 252;

    public static byte[] NewSeed() => RandomNumberGenerator.GetBytes(SeedBytes);

    public static string Commit(ReadOnlySpan<byte> seed) => Convert.ToHexStringLower(SHA256.HashData(seed));

    public static GameResult Draw(GameKey game, string periodId, ReadOnlySpan<byte> seed) => game.Game switch
    {
        GameId.Wingo => new GameResult(new ByteStream(game, periodId, seed.ToArray()).Digits(1)),
        GameId.FiveD => new GameResult(new ByteStream(game, periodId, seed.ToArray()).Digits(5)),
        GameId.K3 => new GameResult(new ByteStream(game, periodId, seed.ToArray()).Dice(3)),
        GameId.Trx => DrawTrx(game, periodId, seed.ToArray()),
        _ => throw new ArgumentOutOfRangeException(nameof(game)),
    };

    private static GameResult DrawTrx(GameKey game, string periodId, byte[] seed)
    {
        var hash = Convert.ToHexStringLower(Block(seed, game, periodId, 0));
        for (var counter = 0; ; counter++)
        {
            var hex = counter == 0 ? hash : Convert.ToHexStringLower(Block(seed, game, periodId, counter));
            for (var i = hex.Length - 1; i >= 0; i--)
            {
                if (char.IsAsciiDigit(hex[i]))
                {
                    return new GameResult([hex[i] - '0'], hash);
                }
            }
        }
    }

    private static byte[] Block(byte[] seed, GameKey game, string periodId, int counter) =>
        HMACSHA256.HashData(seed, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{game.Game.WireName()}:{game.DurationSeconds}:{periodId}:{counter}")));

    /// <summary>The bytes of HMAC blocks for counter 0, 1, 2 … read in order.</summary>
    private sealed class ByteStream(GameKey game, string periodId, byte[] seed)
    {
        private byte[] block = [];
        private int position;
        private int counter;

        public int[] Digits(int count) => Take(count, DigitRejectFrom, b => b % 10);

        public int[] Dice(int count) => Take(count, DieRejectFrom, b => (b % 6) + 1);

        private int[] Take(int count, int rejectFrom, Func<int, int> map)
        {
            var values = new int[count];
            for (var i = 0; i < count;)
            {
                var b = NextByte();
                if (b < rejectFrom)
                {
                    values[i++] = map(b);
                }
            }

            return values;
        }

        private int NextByte()
        {
            if (position == block.Length)
            {
                block = Block(seed, game, periodId, counter++);
                position = 0;
            }

            return block[position++];
        }
    }
}
