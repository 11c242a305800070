namespace GameServer;

/// <summary>What kind of rule a refused request broke; the frontend maps each kind to one HTTP status.</summary>
public enum ErrorKind
{
    Invalid,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    TooManyRequests,

    /// <summary>Not possible just now, through no fault of the request: retry shortly (503 with Retry-After).</summary>
    Unavailable,

    /// <summary>
    /// Not possible until staff repair something on the server, through no fault of the request (a stored value
    /// failed its integrity check): 503 without Retry-After, as retrying soon changes nothing (RFC 9110 §15.6.4).
    /// </summary>
    OutOfService,
}

/// <summary>
/// A request the domain refuses, with a message safe to show the caller. Thrown by grains and rules;
/// nothing has changed when it is thrown.
/// </summary>
[GenerateSerializer]
public sealed class GameServerException : Exception
{
    public GameServerException(ErrorKind kind, string message) : base(message) => Kind = kind;

    public GameServerException() : this(ErrorKind.Invalid, "The request was refused.") { }

    public GameServerException(string message) : this(ErrorKind.Invalid, message) { }

    public GameServerException(string message, Exception innerException) : base(message, innerException) => Kind = ErrorKind.Invalid;

    [Id(0)]
    public ErrorKind Kind { get; private set; }

    /// <summary>
    /// Machine-readable members the problem answer carries besides the message (RFC 7807 extension
    /// members, by their wire name, e.g. <c>usable_from</c>); null for most refusals.
    /// </summary>
    [Id(1)]
    public Dictionary<string, string>? Extensions { get; private set; }

    /// <summary>This refusal with one more extension member for its problem answer (<see cref="Extensions"/>).</summary>
    public GameServerException WithExtension(string member, string value)
    {
        (Extensions ??= [])[member] = value;
        return this;
    }

    public static GameServerException Invalid(string message) => new(ErrorKind.Invalid, message);
    public static GameServerException NotFound(string message) => new(ErrorKind.NotFound, message);
    public static GameServerException Conflict(string message) => new(ErrorKind.Conflict, message);
    public static GameServerException Forbidden(string message) => new(ErrorKind.Forbidden, message);
    public static GameServerException Unauthorized(string message) => new(ErrorKind.Unauthorized, message);
    public static GameServerException Unavailable(string message) => new(ErrorKind.Unavailable, message);
    public static GameServerException OutOfService(string message) => new(ErrorKind.OutOfService, message);
}
