using Microsoft.AspNetCore.Diagnostics;

namespace GameServer.ApiFrontend.Hosting;

/// <summary>
/// The one place where failures become HTTP statuses: refused requests keep their message, anything
/// unexpected is logged and answered without internals.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>A 503 is a short outage (a period opening, a silo failing over): a second is the usual wait.</summary>
    private const string RetryUnavailableAfterSeconds = "1";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = Describe(exception);
        LogFailure(httpContext, exception, status);

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable && exception is not GameServerException { Kind: ErrorKind.OutOfService })
        {
            httpContext.Response.Headers.RetryAfter = RetryUnavailableAfterSeconds;
        }

        var problem = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        };
        if (exception is GameServerException { Extensions: { } members })
        {
            // What a client acts on without reading the message (e.g. usable_from, when a payout method may be used).
            foreach (var (member, value) in members)
            {
                problem.ProblemDetails.Extensions[member] = value;
            }
        }

        if (await problems.TryWriteAsync(problem))
        {
            return true;
        }

        // A client that accepts only another representation (Accept: text/csv for a report) would get an
        // empty error. It gets the problem anyway: RFC 9110 §12.5.1 lets a server disregard Accept rather
        // than answer 406, and the reason a request failed is worth more than the type it asked for.
        httpContext.Request.Headers.Accept = "application/problem+json";
        return await problems.TryWriteAsync(problem);
    }

    /// <summary>
    /// A defect (500) is an error with its stack; the cluster not answering (503 from a timeout or a lost
    /// silo) is a warning without one; a refusal the server chose (a <see cref="GameServerException"/>,
    /// 503 included: the sign-in pool full) is not logged, the response and the request metrics say it.
    /// </summary>
    private void LogFailure(HttpContext httpContext, Exception exception, int status)
    {
        if (status < StatusCodes.Status500InternalServerError || exception is GameServerException)
        {
            return;
        }

        // The request's own scope closed as the exception left the endpoint: the line takes its ids again.
        using var scope = RequestLogIds.Of(httpContext) is { } ids ? logger.BeginScope(ids) : null;
        if (status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled failure on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        else
        {
            logger.LogWarning("The cluster did not serve {Method} {Path}: {Failure}: {Reason}",
                httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name, exception.Message);
        }
    }

    private static (int Status, string Title, string? Detail) Describe(Exception exception) => exception switch
    {
        GameServerException refused => (StatusOf(refused.Kind), TitleOf(refused.Kind), refused.Message),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "The request body is too large.", null),
        BadHttpRequestException bad => (bad.StatusCode, "The request is malformed.", bad.Message),
        TimeoutException => (StatusCodes.Status503ServiceUnavailable, "The game cluster did not answer in time.", null),
        // A silo leaving (a rolling restart) or failing: the message was rejected or its connection lost before the
        // grain ran it, or while it did. The operation ids make a retry safe, and Retry-After says when.
        Orleans.Runtime.OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException or Orleans.Runtime.GatewayTooBusyException
            => (StatusCodes.Status503ServiceUnavailable, "The game cluster is not available.", null),
        _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred.", null),
    };

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorKind.Unavailable or ErrorKind.OutOfService => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string TitleOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => "The request is invalid.",
        ErrorKind.Unauthorized => "Authentication is required.",
        ErrorKind.Forbidden => "This action is not allowed.",
        ErrorKind.NotFound => "Not found.",
        ErrorKind.Conflict => "The request conflicts with the current state.",
        ErrorKind.TooManyRequests => "Too many requests.",
        ErrorKind.Unavailable => "Not possible just now; retry shortly.",
        ErrorKind.OutOfService => "Not possible until staff repair this on the server.",
        _ => "The request was refused.",
    };
}
