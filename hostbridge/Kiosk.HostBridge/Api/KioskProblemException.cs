namespace Kiosk.HostBridge.Api;

/// <summary>A refusal the terminal must see as problem+json with this code; thrown by services, turned into a response by the API layer.</summary>
public sealed class KioskProblemException(string code, string? detail = null) : Exception(detail ?? ProblemCatalogue.Get(code).Title)
{
    /// <summary>The problem code from <see cref="ProblemCatalogue"/>.</summary>
    public string Code { get; } = code;

    /// <summary>Extra English detail for operators (never personal data).</summary>
    public string? Detail { get; } = detail;
}
