using Kiosk.Municipality.Domain;

namespace Kiosk.Municipality.Api;

/// <summary>A failure the caller can act on, written out as RFC 9457 problem+json.</summary>
public sealed record ApiProblem(int Status, string Code, string Title, string Detail, string? ReasonCode = null,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static ApiProblem BadRequest(string code, string detail, string? field = null) =>
        new(400, code, "The request is invalid.", detail,
            Errors: field is null ? null : new Dictionary<string, string[]> { [field] = [detail] });

    public static ApiProblem NotFound(string code, string detail) => new(404, code, "Not found.", detail);

    public static ApiProblem Conflict(string code, string detail) => new(409, code, "Conflict.", detail);

    /// <summary>The municipality refuses this product for this resident now; the reason code is for the terminal.</summary>
    public static ApiProblem Refused(string reasonCode) =>
        new(403, "refused", "This certificate cannot be issued.", ReasonCodes.MessageEn(reasonCode), reasonCode);

    /// <summary>As an ASP.NET Core result with content type application/problem+json.</summary>
    public IResult ToResult()
    {
        var ext = new Dictionary<string, object?> { ["code"] = Code };
        if (ReasonCode is not null)
        {
            ext["reasonCode"] = ReasonCode;
            ext["message"] = ReasonCodes.MessageJa(ReasonCode);
            ext["messageEn"] = ReasonCodes.MessageEn(ReasonCode);
        }
        if (Errors is not null) ext["errors"] = Errors;
        return Results.Problem(detail: Detail, statusCode: Status, title: Title,
            type: "urn:kiosk:municipal:problem:" + Code, extensions: ext);
    }
}

/// <summary>Either a value or a problem.</summary>
public readonly record struct Outcome<T>(T? Value, ApiProblem? Problem)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(ApiProblem problem) => new(default, problem);
}
