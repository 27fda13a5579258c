using Kiosk.HostBridge.Payments;
using Kiosk.TestSupport;
using Microsoft.Data.Sqlite;

namespace Kiosk.HostBridge.Tests.PaymentsTests;

/// <summary>A pay-at-register provider on a throwaway SQLite file, with a helper playing the store's POS.</summary>
internal sealed class SqlitePayments : IDisposable
{
    private readonly TempFolder dir = TempFolder.Created("kiosk-pay-", SqliteConnection.ClearAllPools);

    public SqlitePayments(IPaymentAudit audit, TimeProvider? time = null)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dir.Path, "payments.db"), Pooling = false }.ToString();
        Store = new SqlPaymentStore(() => new SqliteConnection(cs));
        Store.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        Provider = new PayAtRegisterProvider(Store, audit, new PayAtRegisterOptions(), time);
    }

    public SqlPaymentStore Store { get; }

    public PayAtRegisterProvider Provider { get; }

    /// <summary>Creates a payment and confirms it as the store's POS would; returns the payment id.</summary>
    public async Task<string> PaidAsync(string orderId, int yen = 300)
    {
        var intent = await Provider.CreateAsync(orderId, yen, CancellationToken.None);
        var (result, _) = await Provider.ConfirmAsync(PaymentCodes.Normalise(intent.PaymentCode)!, "store-1", yen, CancellationToken.None);
        Assert.Equal(ConfirmResult.Confirmed, result);
        return intent.PaymentId;
    }

    public async Task<string> StateAsync(string paymentId) => (await Store.FindAsync(paymentId, CancellationToken.None))!.State;

    public void Dispose() => dir.Dispose();
}
