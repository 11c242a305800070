namespace GameServer.Games;

/// <summary>
/// A drawn result: one digit (Wingo, TRX), five digits A–E (5D) or three dice (K3). TRX also shows
/// the hash its digit was read from.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record GameResult([property: Id(0)] IReadOnlyList<int> Values, [property: Id(1)] string? Hash = null)
{
    public int Sum => Values.Sum();

    public override string ToString() => string.Join(",", Values);
}
