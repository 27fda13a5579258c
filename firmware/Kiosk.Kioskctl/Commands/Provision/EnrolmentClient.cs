using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Kiosk.Kioskctl.Commands.Provision;

/// <summary>Calls the bridge's <c>POST /v1/enroll</c> over HTTPS, trusting the given fleet CA (or the system store when none is given).</summary>
public static class EnrolmentClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The bridge's answer: the device identity and certificate, or the refusal.</summary>
    public sealed record Result(bool Ok, bool Unreachable, string? DeviceId, string? StoreId, string? Certificate, string? CaBundle,
        string? KioskUrl, string? Error);

    private sealed record Answer(string? DeviceId, string? StoreId, string? Certificate, string? CaBundle, string? KioskUrl, string? Error,
        string? Message);

    /// <summary>Enrols with a one-time token and a PEM CSR for the named store (the bridge refuses, unspent, a token of another store).</summary>
    public static async Task<Result> EnrolAsync(Uri bridge, X509Certificate2? trustedCa, string token, string storeId, string csrPem, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler();
        if (trustedCa is not null)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    if (certificate is null) return false;
                    // Name mismatch still fails; only the root of trust is replaced.
                    if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(trustedCa);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                    return chain.Build(server);
                },
            };
        }
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(new Uri(bridge, "/v1/enroll"), new { token, csr = csrPem, storeId }, Json, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Result(false, true, null, null, null, null, null, "cannot reach " + bridge + " (" + e.Message + ")");
        }
        using (response)
        {
            Answer? answer = null;
            try
            {
                answer = await response.Content.ReadFromJsonAsync<Answer>(Json, ct);
            }
            catch (JsonException)
            {
            }
            if (response.IsSuccessStatusCode && answer?.Certificate is not null && answer.DeviceId is not null)
                return new Result(true, false, answer.DeviceId, answer.StoreId, answer.Certificate, answer.CaBundle, answer.KioskUrl, null);
            return new Result(false, false, null, null, null, null, null,
                "the bridge refused the enrolment (" + (int)response.StatusCode + " " + (answer?.Error ?? "no reason") + "): " + (answer?.Message ?? ""));
        }
    }
}
