using Microsoft.AspNetCore.SignalR;

namespace GameServer.ApiFrontend.Realtime;

/// <summary>
/// Logs hub calls that fail, by whose fault. A client's mistake (a <see cref="HubException"/>: an
/// unknown game, say) is a one-line warning with the client's text cut short; anything else is an
/// error with its stack trace. SignalR's own dispatcher, which logs every failed call as an error
/// with a stack trace, is silenced in <see cref="Hosting.RealtimeExtensions"/> so that this is the
/// only record.
/// </summary>
public sealed partial class HubCallLogging(ILogger<HubCallLogging> logger) : IHubFilter
{
    /// <summary>A refusal's reason is short text of ours plus a client string already cut to a few dozen characters.</summary>
    private const int MaxLoggedReasonLength = 120;

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (HubException refused)
        {
            LogClientError(logger, invocationContext.HubMethodName, ClientText.Cut(refused.Message, MaxLoggedReasonLength));
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, invocationContext.HubMethodName, exception);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub call {Method} refused: {Reason}")]
    private static partial void LogClientError(ILogger logger, string method, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub call {Method} failed")]
    private static partial void LogFailed(ILogger logger, string method, Exception exception);
}
