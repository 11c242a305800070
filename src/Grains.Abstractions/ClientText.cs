namespace GameServer;

/// <summary>
/// Text a client sent, made safe to echo in a message or a log line: at most a few dozen characters,
/// control characters and unpaired surrogates replaced, never cut inside a surrogate pair (such text
/// cannot be written as JSON). A refusal names what was wrong without repeating kilobytes back
/// (OWASP Logging Cheat Sheet: neutralise and bound user input before it reaches a log).
/// </summary>
public static class ClientText
{
    public const int DefaultMaxLength = 32;

    private const char Replacement = '?';

    /// <summary>The text cut to at most <paramref name="maxLength"/> characters (an ellipsis marks a cut), or "" for null.</summary>
    public static string Cut(string? text, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var kept = new System.Text.StringBuilder(Math.Min(text.Length, maxLength) + 1);
        for (var i = 0; i < text.Length && kept.Length < maxLength; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (kept.Length + 2 > maxLength)
                {
                    break;
                }

                kept.Append(c).Append(text[++i]);
                continue;
            }

            kept.Append(char.IsControl(c) || char.IsSurrogate(c) ? Replacement : c);
        }

        return kept.Length < text.Length ? kept.Append('…').ToString() : kept.ToString();
    }

    /// <summary>True when the text is well-formed UTF-16: every surrogate is half of a pair.</summary>
    public static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
