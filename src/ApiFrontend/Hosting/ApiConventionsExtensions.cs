using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace GameServer.ApiFrontend.Hosting;

/// <summary>What every endpoint shares: snake_case JSON, the success envelope, RFC 7807 errors, OpenAPI.</summary>
public static class ApiConventionsExtensions
{
    public static WebApplicationBuilder AddApiConventions(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(options => ConfigureJson(options.SerializerOptions));
        builder.Services.Configure<Microsoft.AspNetCore.SignalR.JsonHubProtocolOptions>(options => ConfigureJson(options.PayloadSerializerOptions));

        // Binding failures throw so that the exception handler answers them as problem details.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["success"] = false;
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseApiConventions(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    public static WebApplication MapApiDocuments(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }

    /// <summary>
    /// Declares the RFC 7807 problem answers (<c>application/problem+json</c>) the endpoints may give, so
    /// that the OpenAPI document shows every response; errors are thrown and answered in one place
    /// (<see cref="ProblemExceptionHandler"/>), not returned by each endpoint.
    /// </summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var statusCode in statusCodes)
        {
            builder.ProducesProblem(statusCode);
        }

        return builder;
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new MoneyJsonConverter());
        options.Converters.Add(new WellFormedStringConverter());
        options.MaxDepth = 16;
    }
}
