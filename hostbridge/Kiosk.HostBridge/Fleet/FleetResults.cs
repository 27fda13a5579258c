using System.Text.Json;

namespace Kiosk.HostBridge.Fleet;

/// <summary>JSON answers of the fleet API (camelCase; problems as application/problem+json like the kiosk API, with <c>code</c>).</summary>
public static class FleetResults
{
    /// <summary>Web-default JSON options.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A JSON body with a status.</summary>
    public static IResult Ok(object body, int status = 200) => Results.Json(body, Json, statusCode: status);

    /// <summary>A problem with a stable code and a message meant for the user.</summary>
    /// <remarks><c>error</c> and <c>message</c> repeat <c>code</c> and <c>detail</c> for fleet clients written before the fleet API joined RFC 9457.</remarks>
    public static IResult Problem(int status, string code, string message)
        => Results.Json(new { type = "https://kiosk.invalid/problems/" + code, title = message, status, code, detail = message, error = code, message }, Json,
            contentType: "application/problem+json", statusCode: status);

    /// <summary>Reads a JSON body, or throws <see cref="FleetProblem"/> 400.</summary>
    public static async Task<T> ReadAsync<T>(HttpContext http) where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(http.Request.Body, Json, http.RequestAborted)
                ?? throw new FleetProblem(400, "bad-request", "A JSON body is required.");
        }
        catch (JsonException)
        {
            throw new FleetProblem(400, "bad-request", "The body is not valid JSON for this request.");
        }
    }

    /// <summary>Endpoint filter turning <see cref="FleetProblem"/> into its JSON answer.</summary>
    public static async ValueTask<object?> CatchProblems(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        try
        {
            return await next(invocation);
        }
        catch (FleetProblem p)
        {
            return Problem(p.Status, p.Code, p.Message);
        }
    }
}
