namespace GameServer.Referral;

/// <summary>The shape of a referral team (SPEC §4).</summary>
public static class TeamRules
{
    /// <summary>
    /// How deep a team reaches: a player's activity counts for six levels of their upline (level 1 invited
    /// them), for the team summary and for the commission; one commission rate per level.
    /// </summary>
    public const int Levels = 6;
}
