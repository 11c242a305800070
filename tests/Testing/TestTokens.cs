using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GameServer.Testing;

/// <summary>Access tokens signed with a test cluster's key, for lifetimes a login would not give.</summary>
public static class TestTokens
{
    public static string Issue(long userId, DateTime issuedAt, DateTime expires, string role = "player") => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "game-server",
        Audience = "game-clients",
        IssuedAt = issuedAt,
        NotBefore = issuedAt,
        Expires = expires,
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(LocalCluster.SigningKey), SecurityAlgorithms.HmacSha256),
        Claims = new Dictionary<string, object> { ["sub"] = userId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["role"] = role },
    });
}
