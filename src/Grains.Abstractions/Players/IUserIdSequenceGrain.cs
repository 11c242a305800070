namespace GameServer.Players;

/// <summary>Hands out user ids, unique across the cluster and never reused. Key: <see cref="PlayerKeys.UserIdSequence"/>.</summary>
public interface IUserIdSequenceGrain : IGrainWithStringKey
{
    Task<long> Allocate();
}
