using GameServer.Players;

namespace GameServer.Grains.Players;

[GenerateSerializer]
public sealed class AnnouncementsState
{
    [Id(0)] public List<Announcement> Announcements { get; set; } = [];
}

/// <summary>
/// The announcements (<see cref="IAnnouncementsGrain"/>), kept until 30 days after they end. Each publication is
/// stored, then recorded in the staff audit trail and told to every frontend on the staff-notice stream; a retry
/// of a publication finds it stored and finishes those steps again, harmlessly.
/// </summary>
public sealed class AnnouncementsGrain(
    [PersistentState("announcements")] IPersistentState<AnnouncementsState> state,
    GameClock clock) : Grain, IAnnouncementsGrain
{
    private static readonly TimeSpan KeptAfterEnd = TimeSpan.FromDays(30);

    public async Task<Announcement> Publish(string announcementId, AnnouncementDraft draft, long staffId)
    {
        var now = clock.GetUtcNow();
        var announcement = state.State.Announcements.Find(existing => existing.AnnouncementId == announcementId);
        if (announcement is null)
        {
            if (draft.Problem(now) is { } problem)
            {
                throw GameServerException.Invalid(problem);
            }

            announcement = new Announcement(announcementId, draft.Title.Trim(), draft.Text.Trim(), draft.StartsAt ?? now, draft.EndsAt, draft.MinVipLevel, staffId, now);
            state.State.Announcements.RemoveAll(old => old.EndsAt + KeptAfterEnd <= now);
            state.State.Announcements.Add(announcement);
            await state.WriteStateAsync();
        }

        await GrainFactory.GetGrain<IStaffAuditTrailGrain>(0).Record(new StaffAction($"announcement:{announcementId}", announcement.PublishedBy,
            StaffActionKind.Announcement, null, $"{announcementId}: {announcement.Title}", null, announcement.PublishedAt));
        await this.GetStreamProvider(GameStreams.ProviderName).GetStream<StaffNotice>(StaffNoticeStreams.All).OnNextAsync(new AnnouncementPublished(announcement));
        return announcement;
    }

    public Task<IReadOnlyList<Announcement>> Current(int vipLevel)
    {
        var now = clock.GetUtcNow();
        return Task.FromResult<IReadOnlyList<Announcement>>(state.State.Announcements.Where(a => a.IsShownTo(vipLevel, now)).OrderByDescending(a => a.StartsAt).ToList());
    }

    public Task<IReadOnlyList<Announcement>> List()
    {
        var now = clock.GetUtcNow();
        return Task.FromResult<IReadOnlyList<Announcement>>(state.State.Announcements.Where(a => a.EndsAt + KeptAfterEnd > now).OrderByDescending(a => a.PublishedAt).ToList());
    }
}
