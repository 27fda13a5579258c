using System.Diagnostics;
using Kiosk.HostBridge.Issuance;
using Kiosk.Municipality.Tests.Support;

namespace Kiosk.Municipality.Tests;

/// <summary>The bridge's MunicipalApiClient against the real municipality on a real port, and against scripted failures.</summary>
public sealed class BridgeAdapterTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private MunicipalityServer S => fx.Server;

    private static MunicipalApiClient Client(Uri baseAddress, TimeProvider? clock = null, int retries = 2, int threshold = 5,
        double readTimeoutMs = 5000) =>
        new(new HttpClient(), new MunicipalApiOptions
        {
            BaseAddress = baseAddress,
            ReadTimeout = TimeSpan.FromMilliseconds(readTimeoutMs),
            IssueTimeout = TimeSpan.FromSeconds(30),
            MaxRetries = retries,
            RetryBackoff = TimeSpan.FromMilliseconds(10),
            BreakerFailureThreshold = threshold,
            BreakerOpenDuration = TimeSpan.FromSeconds(30),
        }, clock);

    [Fact]
    public async Task Resolve_list_quote_issue_and_verify_through_the_bridge_adapter()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var client = Client(S.BaseAddress);
        var resident = await client.ResolveResidentAsync(S.Serials["tanaka-hanako"], MunicipalityServer.Issuer, default);
        Assert.NotNull(resident);
        Assert.Equal("131016", resident.MunicipalityCode);

        var offers = await client.ListProductsAsync(resident, DateTimeOffset.UtcNow, default);
        var juminhyo = offers.Single(o => o.Code == "juminhyo");
        Assert.True(juminhyo.Available);
        Assert.Equal(200, juminhyo.FeeYen);
        Assert.Contains(juminhyo.Options, o => o.Code == "my-number" && !o.Default);
        Assert.Equal(2, juminhyo.Members.Count);

        var request = new IssueRequest("bridge-" + Guid.NewGuid().ToString("N"), resident, "juminhyo", [], [], 2, null);
        var quote = await client.QuoteAsync(request, default);
        Assert.Equal(400, quote.TotalYen);

        var doc = await client.IssueAsync(request, default);
        Assert.Equal(resident.CertificateSerialHex, doc.SubjectCertificateSerialHex);
        Assert.Equal(2, doc.Pages);
        Assert.Contains("田中花子", PdfText.Compact(await PdfText.ExtractAsync(doc.Pdf)));

        var again = await client.IssueAsync(request, default);
        Assert.Equal(doc.DocumentId, again.DocumentId);
        Assert.Equal(doc.Pdf, again.Pdf);

        var text = PdfText.Compact(await PdfText.ExtractAsync(doc.Pdf));
        var code = text.Split("照合番号")[1][..19];
        Assert.True((await client.VerifyAsync(doc.DocumentId, code, null, default)).Valid);
        Assert.False((await client.VerifyAsync(doc.DocumentId, "0000-0000-0000-0000", null, default)).Valid);
    }

    [Fact]
    public async Task The_fiscal_years_on_record_reach_the_bridge_offer_and_an_order_for_one_issues()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var client = Client(S.BaseAddress);
        var resident = (await client.ResolveResidentAsync(S.Serials["yamada-taro"], MunicipalityServer.Issuer, default))!;
        var offers = await client.ListProductsAsync(resident, DateTimeOffset.UtcNow, default);
        var tax = offers.Single(o => o.Code == "shotoku-kazei");
        Assert.Contains(2026, tax.OfferedYears);
        Assert.Contains(2025, tax.OfferedYears);
        Assert.Empty(offers.Single(o => o.Code == "juminhyo").OfferedYears);

        var doc = await client.IssueAsync(new IssueRequest("bridge-" + Guid.NewGuid().ToString("N"), resident, "shotoku-kazei", [], [], 1, 2025), default);
        Assert.Equal(resident.CertificateSerialHex, doc.SubjectCertificateSerialHex);
    }

    [Fact]
    public async Task Unknown_card_resolves_to_null_and_refusals_carry_the_reason_code()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var client = Client(S.BaseAddress);
        Assert.Null(await client.ResolveResidentAsync("4000000000000001", MunicipalityServer.Issuer, default));
        var movedOut = (await client.ResolveResidentAsync(S.Serials["sato-ken"], MunicipalityServer.Issuer, default))!;
        var e = await Assert.ThrowsAsync<IssuanceRefusedException>(() =>
            client.IssueAsync(new IssueRequest("bridge-" + Guid.NewGuid().ToString("N"), movedOut, "juminhyo", [], [], 1, null), default));
        Assert.Equal("moved-out", e.ReasonCode);
        Assert.Contains("転出", e.Message);
    }

    [Fact]
    public async Task A_bad_request_is_not_retried_and_names_the_problem()
    {
        await using var peer = new ScriptedHttpPeer { Script = _ => (400, """{"code":"invalid-copies","detail":"copies must be between 1 and 10; got 11.","status":400}""") };
        var client = Client(peer.BaseAddress);
        var r = new ResidentRef("131016", "R1", "4A");
        var e = await Assert.ThrowsAsync<MunicipalApiException>(() => client.IssueAsync(new IssueRequest("bridge-00000001", r, "juminhyo", [], [], 11, null), default));
        Assert.Equal("invalid-copies", e.Code);
        Assert.Equal(1, peer.Requests);
        Assert.Equal("Closed", client.CircuitState);
    }

    [Fact]
    public async Task A_hanging_service_times_out_each_attempt_and_is_retried_then_reported_unavailable()
    {
        await using var peer = new ScriptedHttpPeer { Script = _ => null };
        var client = Client(peer.BaseAddress, retries: 2, readTimeoutMs: 300);
        var sw = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<MunicipalServiceUnavailableException>(() => client.ResolveResidentAsync("4A", "C=JP", default));
        Assert.Equal(3, peer.Requests);
        Assert.IsType<TimeoutException>(e.InnerException);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), sw.Elapsed.ToString());
    }

    [Fact]
    public async Task Service_errors_then_success_are_retried_to_the_answer()
    {
        await using var peer = new ScriptedHttpPeer
        {
            Script = n => n < 3 ? (503, "{}") : (404, """{"code":"unknown-certificate","status":404}"""),
        };
        var client = Client(peer.BaseAddress, retries: 2);
        Assert.Null(await client.ResolveResidentAsync("4A", "C=JP", default));
        Assert.Equal(3, peer.Requests);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_fails_fast_and_closes_after_a_good_trial()
    {
        await using var peer = new ScriptedHttpPeer { Script = _ => (503, "{}") };
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var client = Client(peer.BaseAddress, clock, retries: 0, threshold: 3);
        for (var i = 0; i < 3; i++)
            await Assert.ThrowsAsync<MunicipalServiceUnavailableException>(() => client.ResolveResidentAsync("4A", "C=JP", default));
        Assert.Equal("Open", client.CircuitState);
        var before = peer.Requests;
        var e = await Assert.ThrowsAsync<MunicipalServiceUnavailableException>(() => client.ResolveResidentAsync("4A", "C=JP", default));
        Assert.Contains("circuit open", e.Message);
        Assert.Equal(before, peer.Requests);

        clock.Now += TimeSpan.FromSeconds(31);
        Assert.Equal("HalfOpen", client.CircuitState);
        peer.Script = _ => (404, """{"code":"unknown-certificate","status":404}""");
        Assert.Null(await client.ResolveResidentAsync("4A", "C=JP", default));
        Assert.Equal("Closed", client.CircuitState);
    }

    [Fact]
    public async Task A_stopped_municipality_is_reported_unavailable_not_hung()
    {
        var server = await MunicipalityServer.StartAsync();
        var address = server.BaseAddress;
        await server.DisposeAsync();
        var client = Client(address, retries: 1);
        await Assert.ThrowsAsync<MunicipalServiceUnavailableException>(() => client.ResolveResidentAsync("4A", "C=JP", default));
    }
}
