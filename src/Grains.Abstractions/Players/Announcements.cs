namespace GameServer.Players;

/// <summary>
/// A notice staff publish to players (SPEC §4 "Announcements"): shown from <see cref="StartsAt"/> until
/// <see cref="EndsAt"/> (UTC) to players whose VIP level is at least <see cref="MinVipLevel"/> (0: everyone).
/// On the wire: <c>{announcement_id, title, text, starts_at, ends_at, min_vip_level, published_by, published_at}</c>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Announcement(
    [property: Id(0)] string AnnouncementId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Text,
    [property: Id(3)] DateTimeOffset StartsAt,
    [property: Id(4)] DateTimeOffset EndsAt,
    [property: Id(5)] int MinVipLevel,
    [property: Id(6)] long PublishedBy,
    [property: Id(7)] DateTimeOffset PublishedAt)
{
    /// <summary>Whether a player of <paramref name="vipLevel"/> sees it at <paramref name="now"/>.</summary>
    public bool IsShownTo(int vipLevel, DateTimeOffset now) => vipLevel >= MinVipLevel && StartsAt <= now && now < EndsAt;
}

/// <summary>What staff ask to publish: title (1–120 characters), text (1–2,000), an optional start (default now), an end after the start, and the audience's least VIP level (0–10).</summary>
[GenerateSerializer, Immutable]
public sealed record AnnouncementDraft(
    [property: Id(0)] string Title,
    [property: Id(1)] string Text,
    [property: Id(2)] DateTimeOffset? StartsAt,
    [property: Id(3)] DateTimeOffset EndsAt,
    [property: Id(4)] int MinVipLevel)
{
    public const int MaxTitleLength = 120;
    public const int MaxTextLength = 2000;

    /// <summary>The first broken rule as a 400 message, or null when the draft may be published at <paramref name="now"/>.</summary>
    public string? Problem(DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(Title) || Title.Trim().Length > MaxTitleLength)
        {
            return $"title is required (at most {MaxTitleLength} characters).";
        }

        if (string.IsNullOrWhiteSpace(Text) || Text.Trim().Length > MaxTextLength)
        {
            return $"text is required (at most {MaxTextLength} characters).";
        }

        if (MinVipLevel is < 0 or > VipLevels.Highest)
        {
            return $"min_vip_level must be 0 to {VipLevels.Highest}.";
        }

        var start = StartsAt ?? now;
        return EndsAt <= start || EndsAt <= now ? "ends_at must be after starts_at and in the future." : null;
    }
}

/// <summary>The announcements, for staff to publish and players to read. Key: 0.</summary>
public interface IAnnouncementsGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Publishes a draft under <paramref name="announcementId"/> (derived from the request's idempotency key, so
    /// a retry publishes once), records the staff action and tells every frontend, which passes it on live to
    /// the connected players it is for. A bad draft is <see cref="ErrorKind.Invalid"/>.
    /// </summary>
    Task<Announcement> Publish(string announcementId, AnnouncementDraft draft, long staffId);

    /// <summary>The announcements a player of <paramref name="vipLevel"/> sees now, newest first.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<Announcement>> Current(int vipLevel);

    /// <summary>Every announcement not ended more than 30 days ago, newest first, for staff.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<Announcement>> List();
}

/// <summary>
/// What staff actions tell every frontend, on one stream (<see cref="StaffNoticeStreams.All"/>): a player was
/// suspended (their live connections end), an announcement was published (sent live to its audience).
/// </summary>
[GenerateSerializer, Immutable]
public abstract record StaffNotice;

[GenerateSerializer, Immutable]
public sealed record PlayerSuspended([property: Id(0)] long UserId) : StaffNotice;

[GenerateSerializer, Immutable]
public sealed record AnnouncementPublished([property: Id(0)] Announcement Announcement) : StaffNotice;

public static class StaffNoticeStreams
{
    public const string Namespace = "staff-notices";

    public static readonly StreamId All = StreamId.Create(Namespace, "all");
}

/// <summary>VIP levels (SPEC §4): 0 to <see cref="Highest"/>, reached by lifetime turnover through configured thresholds.</summary>
public static class VipLevels
{
    public const int Highest = 10;

    /// <summary>
    /// The level of <paramref name="turnoverMinorUnits"/>: how many of the ascending
    /// <paramref name="thresholdsMinorUnits"/> (the turnover each level 1, 2 … needs) it reaches, at most <see cref="Highest"/>.
    /// </summary>
    public static int ForTurnover(long turnoverMinorUnits, IReadOnlyList<long> thresholdsMinorUnits) =>
        Math.Min(Highest, thresholdsMinorUnits.TakeWhile(threshold => turnoverMinorUnits >= threshold).Count());
}
