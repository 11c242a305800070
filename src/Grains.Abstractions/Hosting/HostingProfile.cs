using Microsoft.Extensions.Configuration;

namespace GameServer.Hosting;

/// <summary>Which infrastructure the silo runs on. Development needs nothing installed.</summary>
public enum HostingProfile
{
    Development,
    Production,
}

public static class HostingProfileConfiguration
{
    public const string Key = "GameServer:Profile";

    public static HostingProfile GetHostingProfile(this IConfiguration configuration)
    {
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return HostingProfile.Development;
        }

        return Enum.TryParse<HostingProfile>(value, ignoreCase: true, out var profile)
            ? profile
            : throw new InvalidOperationException(
                $"Unknown {Key} '{value}'. Use '{HostingProfile.Development}' or '{HostingProfile.Production}'.");
    }
}
