namespace GameServer.ApiFrontend.Apis;

/// <summary>The endpoints that also answer as CSV (RFC 4180): when a client asks for it.</summary>
public static class CsvResponses
{
    public const string MediaType = "text/csv";

    /// <summary>CSV when the client prefers it to JSON (RFC 9110 §12.5.1 quality values; q=0 means "not this"; a tie is JSON).</summary>
    public static bool Preferred(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        double Quality(string type) => accept.Where(media => media.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase))
            .Select(media => media.Quality ?? 1).DefaultIfEmpty(0).Max();
        var csv = Quality(MediaType);
        return csv > 0 && csv > Quality("application/json");
    }
}
