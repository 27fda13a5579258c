namespace Kiosk.HostBridge.Payments;

/// <summary>What the store's confirmation of a payment code came to.</summary>
public enum ConfirmResult
{
    /// <summary>Authorised now, or already authorised by the same store (a POS retry).</summary>
    Confirmed,
    /// <summary>No payment has this code.</summary>
    NotFound,
    /// <summary>The code's lifetime passed.</summary>
    Expired,
    /// <summary>The amount the register took differs from the fee.</summary>
    AmountMismatch,
    /// <summary>Already voided, refunded, or confirmed by another store.</summary>
    NotConfirmable,
    /// <summary>The code's order has already ended (its void cut off by a fault): voided now, no money to take.</summary>
    OrderEnded,
}
