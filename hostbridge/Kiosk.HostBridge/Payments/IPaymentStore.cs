namespace Kiosk.HostBridge.Payments;

/// <summary>Persistence of pay-at-register payments; every state change is a compare-and-set so two callers cannot both win.</summary>
public interface IPaymentStore
{
    /// <summary>Creates the table if needed.</summary>
    Task MigrateAsync(CancellationToken ct);

    /// <summary>Inserts a new payment; false when its code or order already has one.</summary>
    Task<bool> TryInsertAsync(PaymentRecord record, CancellationToken ct);

    /// <summary>The payment with that id, or null.</summary>
    Task<PaymentRecord?> FindAsync(string paymentId, CancellationToken ct);

    /// <summary>The payment of that order, or null.</summary>
    Task<PaymentRecord?> FindByOrderAsync(string orderId, CancellationToken ct);

    /// <summary>The payment with that code, or null.</summary>
    Task<PaymentRecord?> FindByCodeAsync(string code, CancellationToken ct);

    /// <summary>Moves the payment to <paramref name="to"/> only if it is in <paramref name="from"/>; true when it moved.</summary>
    Task<bool> TransitionAsync(string paymentId, string from, string to, string? storeId, string? reason, long nowMs, CancellationToken ct);
}
