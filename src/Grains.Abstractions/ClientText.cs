namespace GameServer;

/// <summary>
/// Text a client sent, made safe to echo in a message or a log line: at most a few dozen characters,
/// control characters replaced. A refusal names what was wrong without repeating kilobytes back
/// (OWASP Logging Cheat Sheet: neutralise and bound user input before it reaches a log).
/// </summary>
public static class ClientText
{
    public const int DefaultMaxLength = 32;

    /// <summary>The text cut to <paramref name="maxLength"/> characters (an ellipsis marks a cut), or "" for null.</summary>
    public static string Cut(string? text, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var kept = text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength), "…");
        return string.Create(kept.Length, kept, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }
}
