namespace GameServer.Grains.Players;

/// <summary>The <c>Sessions</c> section: how long a signed-in session lasts without use.</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>A refresh token expires this long after it was issued; each exchange issues a new one, so a session in use lasts, up to <see cref="AbsoluteLifetime"/>.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>No session outlives this from its login, however often it is renewed (OWASP Session Management: absolute timeout); then the password is asked again.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Exchanged secrets remembered per session to recognise a reuse (older ones are simply unknown).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int ExchangedSecretsRemembered { get; set; } = 64;
}
