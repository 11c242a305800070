namespace GameServer.ApiFrontend.Apis;

/// <summary>The envelope every successful response shares with the old backend: <c>{"success": true, "data": …}</c>.</summary>
public sealed record ApiResponse<T>(T Data)
{
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public bool Success => true;
}

public static class ApiResponse
{
    public static Microsoft.AspNetCore.Http.HttpResults.Ok<ApiResponse<T>> Ok<T>(T data) => TypedResults.Ok(new ApiResponse<T>(data));

    public static Microsoft.AspNetCore.Http.HttpResults.Created<ApiResponse<T>> Created<T>(string location, T data) =>
        TypedResults.Created(location, new ApiResponse<T>(data));

    /// <summary>Throws a 400 with the first problem found, or returns when there is none.</summary>
    public static void Require(params string?[] problems)
    {
        var problem = problems.FirstOrDefault(p => p is not null);
        if (problem is not null)
        {
            throw GameServerException.Invalid(problem);
        }
    }
}
