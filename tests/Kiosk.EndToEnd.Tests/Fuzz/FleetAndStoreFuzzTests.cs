using System.Diagnostics;
using System.Net;
using System.Text;
using Dapper;
using Kiosk.HostBridge.Hosting;
using Kiosk.HostBridge.Operations;
using Kiosk.HostBridge.Payments;
using Kiosk.HostBridge.Storage;
using Kiosk.HostBridge.Tests.Fleet;
using Kiosk.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kiosk.EndToEnd.Tests.Fuzz;

/// <summary>
/// Hostile input at the bridge's other doors: the fleet port (enrolment, admin login, the admin API, the console's form posts)
/// and the store POS's payment endpoints. Every answer is below 500 and a refusal changes nothing it guards.
/// </summary>
public sealed class FleetAndStoreFuzzTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    private static readonly string[] JsonBodies =
    [
        "{}", "[]", "null", "\"x\"", "{\"username\":\"" + FleetFixture.RootUser + "\",\"password\":\"" + FleetFixture.RootPassword + "\"}",
        """{"username":"","password":""}""",
        """{"storeId":"fz-1","municipalityCode":"131016","name":"Fuzz store"}""", """{"reason":"stolen"}""",
        """{"username":"fz-admin","password":"fuzz-password-123","municipalityCode":"131016"}""", """{"token":"AAAA","csr":"-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----"}""",
        "{\"a\":{\"b\":[1,2,{\"c\":null}]}}", """{"amountYen":300}""",
        """{"bundleId":"b1","municipalityCode":"131016","windowStart":"02:00","windowEnd":"05:00","groups":[{"percent":50,"stores":["store-1"],"successToAdvance":0.8,"failureToPause":0.2,"failureToAbort":0.5,"requiresApproval":true}]}""",
        """{"amountYen":-1}""", """{"amountYen":99999999999}""",
    ];

    private static readonly string[] FormBodies =
    [
        "username=" + FleetFixture.RootUser + "&password=" + FleetFixture.RootPassword, "username=&password=", "storeId=fz-2&municipalityCode=131016&name=Fuzz",
        "storeId=store-1", "deviceId=term-a&reason=fuzz", "deviceId=%00&reason=", "a=b&a=c&%ZZ=1",
    ];

    [Fact]
    public async Task Every_fleet_endpoint_answers_hostile_input_below_500_and_a_refusal_changes_nothing()
    {
        var admin = await fixture.LoginAsync(FleetFixture.RootUser, FleetFixture.RootPassword);
        var anonymous = fixture.FleetClient();
        var token = await fixture.CreateTokenAsync(admin, "store-1");
        var (_, enrolled, _) = await fixture.EnrolAsync(await fixture.CreateTokenAsync(admin, "store-2"));
        string[] ids = [enrolled.GetProperty("deviceId").GetString()!, "store-1", "store-2", "x", "", "%00", "..%2F..", new string('a', 300), token];
        (HttpMethod Method, string Path, bool Form)[] endpoints =
        [
            (HttpMethod.Post, "/v1/enroll", false), (HttpMethod.Post, "/fleet/api/login", false), (HttpMethod.Get, "/fleet/api/me", false),
            (HttpMethod.Get, "/fleet/api/stores", false), (HttpMethod.Post, "/fleet/api/stores", false),
            (HttpMethod.Post, "/fleet/api/stores/{id}/enrolment-tokens", false), (HttpMethod.Get, "/fleet/api/devices", false),
            (HttpMethod.Post, "/fleet/api/devices/{id}/revoke", false), (HttpMethod.Get, "/fleet/api/alerts", false),
            (HttpMethod.Get, "/fleet/api/certificates", false), (HttpMethod.Get, "/fleet/api/audit", false), (HttpMethod.Post, "/fleet/api/admins", false),
            (HttpMethod.Get, "/fleet", false), (HttpMethod.Post, "/fleet/login", true), (HttpMethod.Post, "/fleet/stores", true),
            (HttpMethod.Post, "/fleet/tokens", true), (HttpMethod.Post, "/fleet/revoke", true), (HttpMethod.Put, "/fleet/api/stores", false),
            (HttpMethod.Get, "/fleet/api/bundles", false), (HttpMethod.Post, "/fleet/api/bundles", false), (HttpMethod.Get, "/fleet/api/rollouts", false),
            (HttpMethod.Post, "/fleet/api/rollouts", false), (HttpMethod.Get, "/fleet/api/rollouts/{id}", false),
            (HttpMethod.Post, "/fleet/api/rollouts/{id}/pause", false), (HttpMethod.Post, "/fleet/api/rollouts/{id}/approve", false),
            (HttpMethod.Get, "/fleet/rollouts", false), (HttpMethod.Get, "/fleet/rollouts/{id}", false), (HttpMethod.Post, "/fleet/rollouts/bundles", true),
            (HttpMethod.Post, "/fleet/rollouts/create", true), (HttpMethod.Post, "/fleet/rollouts/{id}/abort", true),
            (HttpMethod.Post, "/fleet/api/devices/{id}/renew", false), (HttpMethod.Get, "/fleet/api/certificates/renewals", false), (HttpMethod.Post, "/fleet/renew", true),
        ];
        var random = new Random(FuzzRunner.Seed ^ 0x5EED);
        var json = JsonBodies.Select(Encoding.UTF8.GetBytes).ToList();
        // A valid CSR among the samples, so mutations reach the certificate request parser and not only the JSON reader.
        using (var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256))
        {
            var csr = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=fuzz", key, System.Security.Cryptography.HashAlgorithmName.SHA256)
                .CreateSigningRequestPem();
            json.Add(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { token = "not-a-token", csr })));
        }
        var forms = FormBodies.Select(Encoding.UTF8.GetBytes).ToList();
        var origin = fixture.Bridge.FleetUri!.GetLeftPart(UriPartial.Authority);
        var inputs = FuzzRunner.Inputs(600);
        var statuses = new Dictionary<int, int>();
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < inputs; i++)
        {
            var (method, template, form) = endpoints[random.Next(endpoints.Length)];
            var path = template.Replace("{id}", Uri.EscapeDataString(ids[random.Next(ids.Length)]), StringComparison.Ordinal);
            var body = FuzzRunner.Mutate(random, form ? forms : json);
            var before = await FleetCountsAsync();
            using var request = new HttpRequestMessage(method, path);
            if (method != HttpMethod.Get)
                request.Content = new ByteArrayContent(body) { Headers = { { "Content-Type", form ? "application/x-www-form-urlencoded" : "application/json" } } };
            // Three kinds of caller: anonymous, a live bearer session, and a stolen-looking token; the console also gets a foreign Origin.
            var who = random.Next(3);
            if (who == 1) request.Headers.Authorization = admin.DefaultRequestHeaders.Authorization;
            if (who == 2) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Convert.ToBase64String(body.Take(24).ToArray()));
            if (form) request.Headers.Add("Origin", random.Next(3) == 0 ? "https://evil.example" : origin);
            using var response = await anonymous.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status < 500, method + " " + path + " body " + Convert.ToHexString(body) + " answered " + status + " " + text + "\n"
                + LastLines(fixture.Bridge.AllLogs, 12));
            if (status >= 400)
            {
                var type = response.Content.Headers.ContentType?.MediaType;
                Assert.True(type is "application/problem+json" or "text/html", method + " " + path + " refused with " + status + " " + text + " as " + type);
                Assert.Equal(before, await FleetCountsAsync());
            }
        }
        clock.Stop();
        Console.WriteLine("fuzz fleet endpoints: " + inputs + " requests, seed " + FuzzRunner.Seed + ", " + (inputs / clock.Elapsed.TotalSeconds).ToString("F0")
            + " requests/s, statuses " + string.Join(" ", statuses.OrderBy(s => s.Key).Select(s => s.Key + "×" + s.Value)));
        Assert.Contains(statuses.Keys, s => s >= 400);
        Assert.Contains(statuses.Keys, s => s < 300);
        // The bearer session still works: no fuzz input broke the admin store.
        Assert.Equal(HttpStatusCode.OK, (await FleetFixture.SendAsync(admin, HttpMethod.Get, "/fleet/api/me")).Status);
    }

    // The audit is left out: a refused action is itself audited, on purpose. Rollouts and bundles are packed as rollouts×1000 + bundles.
    private async Task<(long Admins, long Stores, long Devices, long Revocations, long UnusedTokens, long Sessions, long Rollouts)> FleetCountsAsync()
    {
        await using var c = await fixture.Bridge.Get<IDatabase>().OpenAsync(CancellationToken.None);
        return (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM fleet_admins"), await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM stores"),
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM devices"), await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM device_revocations"),
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM fleet_enrolment_tokens WHERE used_at IS NULL"),
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM fleet_admin_sessions"),
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM rollouts") * 1000 + await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM rollout_bundles"));
    }

    [Fact]
    public async Task Store_payment_endpoints_answer_hostile_input_below_500_and_a_refusal_confirms_nothing()
    {
        const string StoreKey = "store-key-for-fuzzing-only";
        using var dir = TempFolder.Created("kiosk-fuzz-pos-", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Payments:Mode"] = "register",
            ["Payments:Database:Provider"] = "sqlite",
            ["Payments:Database:ConnectionString"] = "Data Source=" + Path.Combine(dir.Path, "p.db") + ";Pooling=False",
            ["Payments:StoreApiKeys:store-7"] = StoreKey,
            ["Payments:CodeLifetime"] = "00:10:00",
        });
        builder.Services.AddKioskPayments(builder.Configuration);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<BridgeMetrics>();
        // Wired as BridgeApp wires it: the problem middleware in front of the POS endpoints.
        await using var app = builder.Build();
        app.UseMiddleware<ProblemMiddleware>();
        app.MapStorePaymentEndpoints();
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var provider = app.Services.GetRequiredService<PayAtRegisterProvider>();
            var codes = new List<string>();
            for (var i = 0; i < 6; i++) codes.Add((await provider.CreateAsync("order-fz-" + i, 300 + i, default)).PaymentCode!);
            string[] ids = [.. codes, "0000-0000-0000", "000000000000", "12ab", "", "%00", new string('9', 300), codes[0].Replace("-", "", StringComparison.Ordinal)];
            var samples = JsonBodies.Select(Encoding.UTF8.GetBytes).ToList();
            var random = new Random(FuzzRunner.Seed ^ 0x905);
            var inputs = FuzzRunner.Inputs(400);
            var statuses = new Dictionary<int, int>();
            for (long i = 0; i < inputs; i++)
            {
                var code = ids[random.Next(ids.Length)];
                var confirm = random.Next(3) != 0;
                var body = FuzzRunner.Mutate(random, samples);
                var before = await StatesAsync(provider, codes);
                using var request = new HttpRequestMessage(confirm ? HttpMethod.Post : HttpMethod.Get,
                    "/v1/store/payments/" + Uri.EscapeDataString(code) + (confirm ? "/confirm" : ""));
                if (confirm) request.Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } };
                var key = random.Next(4);
                if (key < 2) request.Headers.TryAddWithoutValidation(StorePaymentEndpoints.ApiKeyHeader, key == 0 ? StoreKey : Convert.ToBase64String(body.Take(20).ToArray()));
                using var response = await http.SendAsync(request);
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(status < 500, request.Method + " " + code + " body " + Convert.ToHexString(body) + " answered " + status + " " + text);
                if (status >= 400)
                {
                    Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                        request.Method + " " + code + " body " + Convert.ToHexString(body) + " refused with " + status + " and content type "
                        + response.Content.Headers.ContentType?.MediaType);
                    Assert.Equal(before, await StatesAsync(provider, codes));
                }
                else if (confirm)
                {
                    // Only the store's own key confirms money.
                    Assert.Equal(0, key);
                }
            }
            Console.WriteLine("fuzz store payment endpoints: " + inputs + " requests, seed " + FuzzRunner.Seed + ", statuses "
                + string.Join(" ", statuses.OrderBy(s => s.Key).Select(s => s.Key + "×" + s.Value)));
            Assert.Contains(statuses.Keys, s => s >= 400);
            Assert.Contains(statuses.Keys, s => s < 300);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static string LastLines(string text, int count) => string.Join('\n', text.Split('\n').TakeLast(count));

    private static async Task<string> StatesAsync(PayAtRegisterProvider provider, List<string> codes)
    {
        var states = new StringBuilder();
        foreach (var code in codes) states.Append((await provider.FindByCodeAsync(PaymentCodes.Normalise(code)!, default))?.State).Append(' ');
        return states.ToString();
    }
}
