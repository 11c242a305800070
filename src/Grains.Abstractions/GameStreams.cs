namespace GameServer;

/// <summary>Where results and player events are published; silos and frontends share these names.</summary>
public static class GameStreams
{
    public const string ProviderName = "GameEvents";
}
