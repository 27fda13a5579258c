using System.Text.Json;
using Kiosk.HostBridge.Api;

namespace Kiosk.EndToEnd.Tests.Fuzz.Endpoints;

/// <summary>
/// What every answer of the bridge must satisfy, whatever the input: no 5xx but the documented 503s, a refusal with a clear shape
/// (problem+json with status and title, or an HTML page on the console), redirects only within the site, and no planted My Number or PIN echoed.
/// </summary>
public static class EndpointOracle
{
    // The catalogue's 503s: the terminal shows "try again later" for these; every other 5xx is a bridge bug.
    private static readonly HashSet<string> Documented503 =
        ProblemCatalogue.Codes.Where(c => c.Value.Status == 503).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>The reason this answer is wrong, or null.</summary>
    public static string? Judge(FuzzRequest request, FuzzResponse response, bool htmlAllowed, bool noEchoOnSuccess = true)
    {
        if (response.Status >= 500)
        {
            if (response.Status != 503) return "answered " + response.Status;
            if (request.Path == "/readyz") return null;
            var code = Code(response.Body);
            if (code is null || !Documented503.Contains(code)) return "answered 503 with an undocumented code " + (code ?? "(none)");
        }
        if (response.Status is 301 or 302 or 303 or 307 or 308)
        {
            // A redirect may only stay on the site: an open redirect would let a phishing page borrow the console's address.
            if (response.Location is null || !response.Location.StartsWith('/') || response.Location.StartsWith("//", StringComparison.Ordinal)
                || response.Location.StartsWith("/\\", StringComparison.Ordinal))
                return "redirected to " + (response.Location ?? "(no Location)");
        }
        if (response.Status >= 400 && request.Method != "HEAD" && !(response.Status == 416 && response.Headers.ContentRange.Count > 0))
        {
            // (A 416 answers a Range request in HTTP's own shape, Content-Range: bytes */length, which is what a resuming terminal reads.)
            var type = response.ContentType?.Split(';')[0].Trim();
            if (type == "application/problem+json")
            {
                if (!ProblemShape(response.Body)) return "refused with a problem+json body lacking status and title: " + Cut(response.Body);
            }
            else if (!(htmlAllowed && type == "text/html" && response.Body.Length > 0))
            {
                return "refused with content type " + (type ?? "(none)") + " and body " + Cut(response.Body);
            }
        }
        foreach (var secret in response.Status < 300 && !noEchoOnSuccess ? [] : HttpMutator.PlantedMyNumbers)
        {
            if (response.Body.Contains(secret, StringComparison.Ordinal)) return "echoed a planted My Number";
            if (response.Headers.Any(h => h.Value.ToString().Contains(secret, StringComparison.Ordinal))) return "echoed a planted My Number in a header";
        }
        // A PIN is four digits, which ids and codes contain by chance: what must never come back is a PIN field (its name with a value).
        if (response.Body.Contains("\"pin\"", StringComparison.OrdinalIgnoreCase) || response.Body.Contains("pin=" + HttpMutator.PlantedPin, StringComparison.OrdinalIgnoreCase)
            || response.Headers.Any(h => h.Key.Contains("pin", StringComparison.OrdinalIgnoreCase)))
            return "echoed a planted PIN";
        return null;
    }

    private static string? Code(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool ProblemShape(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number
                   && root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String && t.GetString()!.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Cut(string s) => s.Length > 400 ? s[..400] + "…" : s;
}
