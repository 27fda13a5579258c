using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Kiosk.Municipality.Tests.Support;

/// <summary>Small helpers for calling the API in tests.</summary>
public static class Api
{
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(this MunicipalityServer s, string path, object body)
    {
        var resp = await s.Http.PostAsJsonAsync(path, body);
        var text = await resp.Content.ReadAsStringAsync();
        return (resp, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostRawAsync(this MunicipalityServer s, string path, string raw)
    {
        var resp = await s.Http.PostAsync(path, new StringContent(raw, Encoding.UTF8, "application/json"));
        var text = await resp.Content.ReadAsStringAsync();
        return (resp, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>An order body for a profile's resident.</summary>
    public static async Task<Dictionary<string, object?>> OrderAsync(this MunicipalityServer s, string profile, string product,
        int copies = 1, string[]? options = null, string[]? members = null, int? year = null, string? requestId = null)
    {
        var (muni, resident, serial) = await s.ResolveAsync(profile);
        return new Dictionary<string, object?>
        {
            ["requestId"] = requestId ?? "test-" + Guid.NewGuid().ToString("N"),
            ["municipalityCode"] = muni,
            ["residentId"] = resident,
            ["certificateSerial"] = serial,
            ["productCode"] = product,
            ["options"] = options ?? [],
            ["memberIds"] = members ?? [],
            ["copies"] = copies,
            ["year"] = year,
        };
    }

    public static async Task<Dictionary<string, JsonElement>> OffersAsync(this MunicipalityServer s, string profile)
    {
        var (muni, resident, serial) = await s.ResolveAsync(profile);
        var (resp, body) = await s.PostAsync("/v1/offers", new { municipalityCode = muni, residentId = resident, certificateSerial = serial });
        resp.EnsureSuccessStatusCode();
        return body.GetProperty("products").EnumerateArray().ToDictionary(p => p.GetProperty("code").GetString()!);
    }

    public static string? Reason(this JsonElement offer) =>
        offer.GetProperty("reasonCode").ValueKind == JsonValueKind.Null ? null : offer.GetProperty("reasonCode").GetString();

    public static byte[] Pdf(this JsonElement issued) => Convert.FromBase64String(issued.GetProperty("pdfBase64").GetString()!);
}
