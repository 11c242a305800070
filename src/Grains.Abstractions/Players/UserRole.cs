namespace GameServer.Players;

public enum UserRole
{
    Player,
    Admin,
}
