namespace GameServer.ApiFrontend.Hosting;

/// <summary>
/// The <see cref="LogIds"/> of a signed-in caller's request, open as a logging scope while the request runs
/// its endpoint: the user id from the token, and what the endpoint adds once it knows it (the operation id
/// it makes, the bet and period). Every line the request writes from there on carries them, beside the
/// trace id every line of a request has.
/// </summary>
public static class RequestLogIds
{
    /// <summary>The category of the scope's logger; a scope belongs to every logger alike, whatever its category.</summary>
    private const string Category = "GameServer.ApiFrontend.Requests";

    /// <summary>Opens the scope; after authentication, which tells who calls.</summary>
    public static WebApplication UseRequestLogIds(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        app.Use((context, next) => context.User.UserIdOrDefault() is { } userId ? RunInScope(context, next, new LogIds { UserId = userId }, logger) : next(context));
        return app;
    }

    /// <summary>The ids of this request's lines, to add to; none for an anonymous caller (nor outside a request pipeline, as in tests of one endpoint).</summary>
    public static LogIds? Of(HttpContext context) => context.Features.Get<LogIds>();

    private static async Task RunInScope(HttpContext context, RequestDelegate next, LogIds ids, ILogger logger)
    {
        context.Features.Set(ids);
        using (logger.BeginScope(ids))
        {
            await next(context);
        }
    }
}
