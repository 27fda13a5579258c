using System.Text.Json;

namespace Kiosk.Municipality.Api;

/// <summary>Reads a JSON body so malformed input becomes a problem+json 400 rather than an empty 400.</summary>
internal static class JsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<Outcome<T>> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return new ApiProblem(415, "unsupported-media-type", "Send JSON.", "Content-Type must be application/json.");
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, ct);
            return value is null ? ApiProblem.BadRequest("malformed-json", "The body is JSON null; send an object.") : value;
        }
        catch (JsonException e)
        {
            return ApiProblem.BadRequest("malformed-json",
                "The body is not valid JSON for this request" + (e.Path is null ? "." : $" (at {e.Path}, line {e.LineNumber + 1}).")) ;
        }
    }
}
