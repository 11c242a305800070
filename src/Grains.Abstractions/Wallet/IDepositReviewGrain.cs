namespace GameServer.Wallet;

/// <summary>Staff's list of flagged deposits, newest first. Stateless; key 0.</summary>
public interface IDepositReviewGrain : IGrainWithIntegerKey
{
    /// <summary>Flagged deposits of one player (<paramref name="userId"/>) or of all; 1-based pages.</summary>
    Task<FlaggedDepositPage> ListFlagged(long? userId, int page, int limit);
}
