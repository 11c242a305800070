using GameServer.ApiFrontend.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace GameServer.Api.Tests;

public sealed class ProblemExceptionHandlerTests
{
    [Theory]
    [InlineData(ErrorKind.Unavailable, "1")]
    [InlineData(ErrorKind.OutOfService, null)]
    public async Task A_503_says_when_to_retry_only_when_retrying_soon_can_succeed(ErrorKind kind, string? retryAfter)
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var handler = new ProblemExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<ProblemExceptionHandler>.Instance);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();

        Assert.True(await handler.TryHandleAsync(context, new GameServerException(kind, "refused"), CancellationToken.None));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal(retryAfter, context.Response.Headers.RetryAfter.FirstOrDefault());
    }
}
