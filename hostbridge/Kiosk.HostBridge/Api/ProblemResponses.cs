using System.Text.Json;

namespace Kiosk.HostBridge.Api;

/// <summary>Writes protocol problems as application/problem+json with the fields the terminal reads (code, retryable).</summary>
public static class ProblemResponses
{
    /// <summary>Writes the problem for a code.</summary>
    public static async Task WriteAsync(HttpContext context, string code, string? detail = null)
    {
        var entry = ProblemCatalogue.Get(code);
        context.Response.StatusCode = entry.Status;
        context.Response.ContentType = "application/problem+json";
        var body = new Dictionary<string, object?>
        {
            ["type"] = "https://kiosk.invalid/problems/" + code,
            ["title"] = entry.Title,
            ["status"] = entry.Status,
            ["code"] = code,
            ["retryable"] = entry.Retryable,
        };
        if (detail is not null) body["detail"] = detail;
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    /// <summary>A minimal-API result for a problem code.</summary>
    public static IResult Result(string code, string? detail = null) => new ProblemResult(code, detail);

    private sealed class ProblemResult(string code, string? detail) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, code, detail);
    }
}
