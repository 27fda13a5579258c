using System.Net.Http.Json;
using System.Text.Json;
using Kiosk.HostBridge.Payments;

namespace Kiosk.EndToEnd.Tests.Crash;

/// <summary>The store's register for crash runs: looks a shown code up, takes the amount, confirms it on the bridge's store
/// endpoint; retries for up to 30 s while the bridge is down or restarting, as a clerk would.</summary>
public static class StorePos
{
    /// <summary>Confirms the code; returns when confirmed, refused (4xx: aborted, expired) or out of patience.</summary>
    public static async Task ConfirmAsync(HttpClient pos, string code, int? amountYen = null)
    {
        var normal = code.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            try
            {
                var amount = amountYen;
                if (amount is null)
                {
                    using var look = new HttpRequestMessage(HttpMethod.Get, "/v1/store/payments/" + normal);
                    look.Headers.Add(StorePaymentEndpoints.ApiKeyHeader, CrashRig.StoreApiKey);
                    using var found = await pos.SendAsync(look);
                    if ((int)found.StatusCode is >= 400 and < 500) return;
                    if (!found.IsSuccessStatusCode) throw new HttpRequestException("store lookup " + (int)found.StatusCode);
                    using var doc = JsonDocument.Parse(await found.Content.ReadAsStringAsync());
                    amount = doc.RootElement.GetProperty("amountYen").GetInt32();
                }
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/store/payments/" + normal + "/confirm")
                {
                    Content = JsonContent.Create(new { amountYen = amount }),
                };
                request.Headers.Add(StorePaymentEndpoints.ApiKeyHeader, CrashRig.StoreApiKey);
                using var r = await pos.SendAsync(request);
                if ((int)r.StatusCode < 500) return; // confirmed, or no longer confirmable (aborted meanwhile)
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                // Bridge restarting: the clerk tries again.
            }
            await Task.Delay(200);
        }
    }
}
