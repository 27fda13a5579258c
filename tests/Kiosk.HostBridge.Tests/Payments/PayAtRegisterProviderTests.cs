using System.Data.Common;
using System.Text.RegularExpressions;
using Kiosk.HostBridge.Payments;
using Kiosk.HostBridge.Tests.PrintingTests;
using Kiosk.TestSupport;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kiosk.HostBridge.Tests.PaymentsTests;

/// <summary>Pay-at-register on both databases it supports: the embedded SQLite and a real PostgreSQL.</summary>
public sealed class PayAtRegisterProviderTests : IClassFixture<TempPostgres>, IDisposable
{
    private readonly TempPostgres postgres;
    private readonly TempFolder dir = TempFolder.Created("kiosk-pay-tests-", SqliteConnection.ClearAllPools);
    private readonly RecordingAudit audit = new();
    private readonly ManualTime time = new(DateTimeOffset.Parse("2026-11-22T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public PayAtRegisterProviderTests(TempPostgres postgres) => this.postgres = postgres;

    public void Dispose() => dir.Dispose();

    private async Task<(PayAtRegisterProvider Provider, IPaymentStore Store)> CreateAsync(string backend)
    {
        Func<DbConnection> connect;
        if (backend == "postgres")
        {
            var cs = postgres.NewDatabase();
            connect = () => new NpgsqlConnection(cs);
        }
        else
        {
            var cs = "Data Source=" + Path.Combine(dir.Path, Guid.NewGuid().ToString("N") + ".db") + ";Pooling=False";
            connect = () => new SqliteConnection(cs);
        }
        var store = new SqlPaymentStore(connect);
        await store.MigrateAsync(default);
        await store.MigrateAsync(default); // the migration is idempotent: it runs at every start
        return (new PayAtRegisterProvider(store, audit, new PayAtRegisterOptions { CodeLifetime = TimeSpan.FromMinutes(10) }, time), store);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task CodesAreShortFormattedAndDistinct(string backend)
    {
        var (provider, _) = await CreateAsync(backend);
        var codes = new HashSet<string>();
        for (var i = 0; i < 60; i++)
        {
            var intent = await provider.CreateAsync("order-" + i, 300, default);
            Assert.Matches(new Regex(@"^\d{4}-\d{4}-\d{4}$"), intent.PaymentCode!);
            Assert.Equal(300, intent.AmountYen);
            Assert.True(codes.Add(intent.PaymentCode!));
        }
        await Assert.ThrowsAsync<InvalidOperationException>(() => provider.CreateAsync("order-1", 300, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => provider.CreateAsync("order-x", 0, default));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task FullFlowConfirmCaptureRefundIsStoredAndAudited(string backend)
    {
        var (provider, store) = await CreateAsync(backend);
        var intent = await provider.CreateAsync("o1", 350, default);
        var code = PaymentCodes.Normalise(intent.PaymentCode)!;

        Assert.False(await provider.IsAuthorisedAsync(intent.PaymentId, default));
        await Assert.ThrowsAsync<InvalidOperationException>(() => provider.CaptureAsync(intent.PaymentId, default));
        Assert.Equal(ConfirmResult.NotFound, (await provider.ConfirmAsync("000000000000", "store-1", 350, default)).Result);
        Assert.Equal(ConfirmResult.AmountMismatch, (await provider.ConfirmAsync(code, "store-1", 300, default)).Result);
        Assert.Equal(ConfirmResult.Confirmed, (await provider.ConfirmAsync(code, "store-1", 350, default)).Result);
        Assert.Equal(ConfirmResult.Confirmed, (await provider.ConfirmAsync(code, "store-1", 350, default)).Result); // POS retry
        Assert.Equal(ConfirmResult.NotConfirmable, (await provider.ConfirmAsync(code, "store-2", 350, default)).Result);
        Assert.True(await provider.IsAuthorisedAsync(intent.PaymentId, default));
        await provider.CaptureAsync(intent.PaymentId, default);
        await provider.CaptureAsync(intent.PaymentId, default);
        await provider.VoidOrRefundAsync(intent.PaymentId, "printer-unavailable", default);
        await provider.VoidOrRefundAsync(intent.PaymentId, "printer-unavailable", default);

        var stored = (await store.FindAsync(intent.PaymentId, default))!;
        Assert.Equal(PaymentSteps.Refunded, stored.State);
        Assert.Equal("store-1", stored.StoreId);
        Assert.Equal("printer-unavailable", stored.Reason);
        Assert.Equal(350, stored.AmountYen);
        Assert.Equal(
            new[] { "created", "confirm-refused", "authorised", "confirm-refused", "captured", "refunded" },
            audit.PaymentSteps("o1"));
        Assert.DoesNotContain(audit.Payment, e => e.Detail is not null && e.Detail.Contains(code, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task UncapturedPaymentIsVoidedAndCannotBeConfirmedAfterwards(string backend)
    {
        var (provider, store) = await CreateAsync(backend);
        var intent = await provider.CreateAsync("o2", 300, default);

        await provider.VoidOrRefundAsync(intent.PaymentId, "cancelled", default);

        Assert.Equal(PaymentSteps.Voided, (await store.FindAsync(intent.PaymentId, default))!.State);
        Assert.Equal(ConfirmResult.NotConfirmable, (await provider.ConfirmAsync(PaymentCodes.Normalise(intent.PaymentCode)!, "store-1", 300, default)).Result);
        await Assert.ThrowsAsync<InvalidOperationException>(() => provider.CaptureAsync(intent.PaymentId, default));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task CodesExpire(string backend)
    {
        var (provider, store) = await CreateAsync(backend);
        var intent = await provider.CreateAsync("o3", 300, default);
        time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(ConfirmResult.Expired, (await provider.ConfirmAsync(PaymentCodes.Normalise(intent.PaymentCode)!, "store-1", 300, default)).Result);
        Assert.False(await provider.IsAuthorisedAsync(intent.PaymentId, default));
        Assert.Equal(PaymentSteps.Expired, (await store.FindAsync(intent.PaymentId, default))!.State);
        Assert.Contains("expired", audit.PaymentSteps("o3"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheProbeAnswersPendingAuthorisedAndExpiredFromOneRead(string backend)
    {
        var (provider, store) = await CreateAsync(backend);
        var paid = await provider.CreateAsync("o-probe-paid", 300, default);
        var unpaid = await provider.CreateAsync("o-probe-unpaid", 300, default);
        Assert.Equal(PaymentProbe.Pending, await provider.ProbeAsync(paid.PaymentId, default));
        Assert.Equal(PaymentProbe.Pending, await provider.ProbeAsync("pay-unknown", default));

        Assert.Equal(ConfirmResult.Confirmed, (await provider.ConfirmAsync(PaymentCodes.Normalise(paid.PaymentCode)!, "store-1", 300, default)).Result);
        Assert.Equal(PaymentProbe.Authorised, await provider.ProbeAsync(paid.PaymentId, default));

        // Past the code's lifetime the probe expires the unpaid payment (stored and audited) and says so; the paid one stays paid.
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(PaymentProbe.Expired, await provider.ProbeAsync(unpaid.PaymentId, default));
        Assert.Equal(PaymentSteps.Expired, (await store.FindAsync(unpaid.PaymentId, default))!.State);
        Assert.Contains("expired", audit.PaymentSteps("o-probe-unpaid"));
        Assert.Equal(PaymentProbe.Expired, await provider.ProbeAsync(unpaid.PaymentId, default));
        Assert.Equal(PaymentProbe.Authorised, await provider.ProbeAsync(paid.PaymentId, default));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ConfirmRacingAVoidEndsVoidedEveryTime(string backend)
    {
        var (provider, store) = await CreateAsync(backend);
        for (var i = 0; i < 15; i++)
        {
            var intent = await provider.CreateAsync("race-" + i, 300, default);
            var confirm = Task.Run(() => provider.ConfirmAsync(PaymentCodes.Normalise(intent.PaymentCode)!, "store-1", 300, default));
            var cancel = Task.Run(() => provider.VoidOrRefundAsync(intent.PaymentId, "cancelled", default));
            await Task.WhenAll(confirm, cancel);

            // Whichever came first, the money is not kept for an order that was cancelled.
            Assert.Equal(PaymentSteps.Voided, (await store.FindAsync(intent.PaymentId, default))!.State);
            await Assert.ThrowsAsync<InvalidOperationException>(() => provider.CaptureAsync(intent.PaymentId, default));
        }
    }

    [Fact]
    public async Task FreeModeShowsNoCodeAndStillAuditsEveryStep()
    {
        var free = new FreePaymentProvider(audit, time);

        var intent = await free.CreateAsync("campaign-1", 300, default);
        Assert.Null(intent.PaymentCode);
        Assert.Equal(0, intent.AmountYen);
        Assert.True(await free.IsAuthorisedAsync(intent.PaymentId, default));
        Assert.False(await free.IsAuthorisedAsync("pay-somethingelse", default));
        await free.CaptureAsync(intent.PaymentId, default);
        await free.VoidOrRefundAsync(intent.PaymentId, "printer-unavailable", default);

        Assert.Equal(new[] { "created", "captured", "voided" }, audit.PaymentSteps("campaign-1"));
    }

    [Theory]
    [InlineData("1234-5678-9012", "123456789012")]
    [InlineData("1234 5678 9012", "123456789012")]
    [InlineData("123456789012", "123456789012")]
    [InlineData("12345678901", null)]
    [InlineData("1234567890123", null)]
    [InlineData("12345678901a", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void NormalisesWhatTheClerkTypes(string? typed, string? expected) => Assert.Equal(expected, PaymentCodes.Normalise(typed));
}
