using System.Net;
using Kiosk.Municipality.Domain;
using Kiosk.Municipality.Store;
using Kiosk.Municipality.Tests.Support;
using Kiosk.TestSupport;

namespace Kiosk.Municipality.Tests;

/// <summary>The municipality on a real PostgreSQL (Municipality:Store=postgres), started by the shared test helper.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public MunicipalityServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(PostgresServer.Available, "PostgreSQL binaries are missing: install the Debian package postgresql (scripts/install-deps.sh).");
        var cs = PostgresServer.Shared.CreateDatabase("municipality");
        Server = await MunicipalityServer.StartAsync(postgresConnectionString: cs);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>The same store behaviour on PostgreSQL as on SQLite: seed, offers, issuance ledger, idempotency, verification.</summary>
public sealed class PostgresStoreTests(PostgresFixture fx) : IClassFixture<PostgresFixture>
{
    private MunicipalityServer S => fx.Server;

    [Fact]
    public async Task The_store_is_postgres_and_seeded()
    {
        Assert.Equal("postgres", Assert.IsType<SqlMunicipalStore>(S.Store).Dialect.Name);
        var muni = await S.Store.GetMunicipalityAsync("131016", default);
        Assert.Equal("千代田区", muni!.Name);
        var taxes = await S.Store.GetTaxRecordsAsync("R1410030401", default);
        Assert.Equal([2026, 2025], taxes.Select(t => t.FiscalYear));
        Assert.Equal(7200000L, taxes[0].SalaryIncome);
        var register = await S.Store.GetFamilyRegisterMembersAsync("KR-271004-01", default);
        Assert.True(register[0].Removed);
        Assert.False(register[1].Removed);
    }

    [Theory]
    [InlineData("yamada-taro", "juminhyo", null)]
    [InlineData("tanaka-kazuko", "inkan", ReasonCodes.SealAbolished)]
    [InlineData("suzuki-misaki", "juminhyo", ReasonCodes.Protected)]
    [InlineData("sato-kenji", "shotoku-kazei", ReasonCodes.NotOffered)]
    public async Task Offers_read_the_same_from_postgres(string profile, string product, string? reason)
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        Assert.Equal(reason, (await S.OffersAsync(profile))[product].Reason());
    }

    [Fact]
    public async Task Issuance_is_idempotent_and_concurrent_retries_store_one_document()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var order = await S.OrderAsync("watanabe-yoko", "koseki-zenbu", copies: 2);
        var before = await S.Store.CountDocumentsAsync(default);
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => S.PostAsync("/v1/issuances", order)));
        Assert.All(results, r => Assert.True(r.Response.IsSuccessStatusCode, r.Body.ToString()));
        Assert.Single(results.Select(r => r.Body.GetProperty("documentId").GetString()).Distinct());
        Assert.Equal(before + 1, await S.Store.CountDocumentsAsync(default));
        var text = PdfText.Compact(await PdfText.ExtractAsync(results[0].Body.Pdf()));
        Assert.Contains("渡辺陽子", text);
        Assert.Contains("渡辺大輝", text);

        var (verify, v) = await S.PostAsync("/v1/documents/verify", new
        {
            documentId = results[0].Body.GetProperty("documentId").GetString(),
            code = results[0].Body.GetProperty("verificationCode").GetString(),
        });
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        Assert.True(v.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Bad_requests_store_nothing_in_postgres()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var before = await S.Store.CountDocumentsAsync(default);
        var (r1, _) = await S.PostAsync("/v1/issuances", await S.OrderAsync("yamada-taro", "juminhyo", copies: 11));
        var (r2, _) = await S.PostRawAsync("/v1/issuances", "{\"copies\":");
        var (r3, _) = await S.PostAsync("/v1/issuances", await S.OrderAsync("sato-ken", "juminhyo"));
        Assert.Equal([400, 400, 403], new[] { (int)r1.StatusCode, (int)r2.StatusCode, (int)r3.StatusCode });
        Assert.Equal(before, await S.Store.CountDocumentsAsync(default));
    }
}
