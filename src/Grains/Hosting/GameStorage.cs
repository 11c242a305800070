namespace GameServer.Grains.Hosting;

/// <summary>Names of the storage and stream providers every profile registers.</summary>
public static class GameStorage
{
    /// <summary>Orleans' conventional name for the store that holds stream subscriptions.</summary>
    public const string PubSub = "PubSubStore";

    public const string StreamProvider = GameStreams.ProviderName;
}
