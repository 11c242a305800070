using GameServer.Hosting;
using GameServer.Players;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameServer.Grains.Players;

/// <summary>
/// Creates the configured admin account when a silo starts, unless it exists. Every silo runs it;
/// the phone index makes the second attempt a harmless conflict.
/// </summary>
public sealed partial class AdminAccountBootstrap(
    IGrainFactory grains,
    IOptions<AdminAccountOptions> options,
    IOptions<PhoneNumberOptions> phoneNumbers,
    IConfiguration configuration,
    ILogger<AdminAccountBootstrap> logger)
{
    public async Task EnsureAdminAsync()
    {
        var (phone, password) = (options.Value.PhoneNumber, options.Value.Password);
        if (string.IsNullOrEmpty(phone) || string.IsNullOrEmpty(password))
        {
            if (configuration.GetHostingProfile() != HostingProfile.Development)
            {
                LogNoAdminConfigured(logger);
                return;
            }

            (phone, password) = (AdminAccountOptions.DevelopmentPhoneNumber, AdminAccountOptions.DevelopmentPassword);
            LogDevelopmentAdmin(logger, phone, password);
        }

        PhoneNumberRules.TryCanonicalize(phone, phoneNumbers.Value.DefaultRegion, out var e164, out var problem);
        if ((problem ?? PlayerRules.PasswordProblem(password)) is { } invalid)
        {
            throw new InvalidOperationException($"The configured admin account is invalid: {invalid}");
        }

        try
        {
            await grains.GetGrain<IPhoneIndexGrain>(PlayerKeys.Phone(e164)).Register(new NewUser(e164, password, null, UserRole.Admin));
        }
        catch (GameServerException exception) when (exception.Kind == ErrorKind.Conflict)
        {
            // Already there: created by an earlier start or by another silo.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No admin account configured (Admin:PhoneNumber, Admin:Password): none is created.")]
    private static partial void LogNoAdminConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Development admin account: phone_no {Phone}, password {Password}. Configure Admin:PhoneNumber and Admin:Password outside Development.")]
    private static partial void LogDevelopmentAdmin(ILogger logger, string phone, string password);
}
