using System.Security.Cryptography;

namespace Kiosk.HostBridge.Payments;

/// <summary>Reference store payment: the terminal shows a short code, the resident pays at the register, the POS confirms the
/// code on the store endpoint; capture binds the money to the submitted print job, void or refund releases it.</summary>
public sealed class PayAtRegisterProvider : IPaymentProvider, IPaymentStateProbe
{
    private readonly IPaymentStore store;
    private readonly IPaymentAudit audit;
    private readonly PayAtRegisterOptions options;
    private readonly TimeProvider time;
    private readonly IPaymentOrderLookup? orders;

    /// <summary>A provider over the given store; with <paramref name="orders"/>, a code whose order has ended is not confirmed.</summary>
    public PayAtRegisterProvider(IPaymentStore store, IPaymentAudit audit, PayAtRegisterOptions options, TimeProvider? time = null,
        IPaymentOrderLookup? orders = null)
    {
        this.store = store;
        this.audit = audit;
        this.options = options;
        this.time = time ?? TimeProvider.System;
        this.orders = orders;
    }

    /// <inheritdoc />
    public async Task<PaymentIntent> CreateAsync(string orderId, int amountYen, CancellationToken ct)
    {
        if (amountYen <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amountYen), "A register payment needs a positive amount; use the free provider for campaigns.");
        }
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var record = new PaymentRecord
            {
                PaymentId = "pay-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                OrderId = orderId,
                Code = PaymentCodes.New(),
                AmountYen = amountYen,
                State = PaymentSteps.AwaitingPayment,
                CreatedAtMs = now,
                ExpiresAtMs = now + (long)options.CodeLifetime.TotalMilliseconds,
                UpdatedAtMs = now,
            };
            if (await store.TryInsertAsync(record, ct).ConfigureAwait(false))
            {
                await AuditAsync(record, PaymentSteps.Created, "code " + PaymentCodes.Tail(record.Code)).ConfigureAwait(false);
                return new PaymentIntent(record.PaymentId, PaymentCodes.Format(record.Code), amountYen);
            }
            if (await store.FindByOrderAsync(orderId, ct).ConfigureAwait(false) is not null)
            {
                throw new InvalidOperationException("Order " + orderId + " already has a payment.");
            }
            // Otherwise the random code collided with an earlier one: draw again.
        }
        throw new InvalidOperationException("Could not draw a free payment code.");
    }

    /// <summary>Called by the store endpoint when the POS took the money for a code.</summary>
    public async Task<(ConfirmResult Result, PaymentRecord? Payment)> ConfirmAsync(string code, string storeId, int amountYen, CancellationToken ct)
    {
        var p = await store.FindByCodeAsync(code, ct).ConfigureAwait(false);
        if (p is null)
        {
            await audit.RecordAsync(new PaymentAuditEvent("-", "-", PaymentSteps.ConfirmRefused, amountYen,
                "unknown code " + PaymentCodes.Tail(code) + " from store " + storeId, time.GetUtcNow()), ct).ConfigureAwait(false);
            return (ConfirmResult.NotFound, null);
        }
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (p.State == PaymentSteps.Authorised && p.StoreId == storeId && p.AmountYen == amountYen)
        {
            return (ConfirmResult.Confirmed, p);
        }
        ConfirmResult result;
        if (p.State == PaymentSteps.AwaitingPayment && now >= p.ExpiresAtMs)
        {
            await ExpireAsync(p, now, ct).ConfigureAwait(false);
            result = ConfirmResult.Expired;
        }
        else if (p.State == PaymentSteps.Expired)
        {
            result = ConfirmResult.Expired;
        }
        else if (p.State != PaymentSteps.AwaitingPayment)
        {
            result = ConfirmResult.NotConfirmable;
        }
        else if (p.AmountYen != amountYen)
        {
            result = ConfirmResult.AmountMismatch;
        }
        else if (orders is not null && await orders.OrderEndedAsync(p.OrderId, ct).ConfigureAwait(false))
        {
            // The void a fault cut off after the order ended (see IPaymentOrderLookup): done now, before any money is taken.
            await VoidOrRefundAsync(p.PaymentId, "order-ended", ct).ConfigureAwait(false);
            result = ConfirmResult.OrderEnded;
        }
        else if (await store.TransitionAsync(p.PaymentId, PaymentSteps.AwaitingPayment, PaymentSteps.Authorised, storeId, null, now, ct).ConfigureAwait(false))
        {
            p.State = PaymentSteps.Authorised;
            p.StoreId = storeId;
            await AuditAsync(p, PaymentSteps.Authorised, "store " + storeId).ConfigureAwait(false);
            return (ConfirmResult.Confirmed, p);
        }
        else
        {
            // Lost a race with a void or another store's confirmation.
            result = ConfirmResult.NotConfirmable;
        }
        await AuditAsync(p, PaymentSteps.ConfirmRefused, result + " from store " + storeId + " for " + amountYen + " yen").ConfigureAwait(false);
        return (result, p);
    }

    /// <inheritdoc />
    public async Task<bool> IsAuthorisedAsync(string paymentId, CancellationToken ct)
        => await ProbeAsync(paymentId, ct).ConfigureAwait(false) == PaymentProbe.Authorised;

    /// <inheritdoc />
    public async Task<PaymentProbe> ProbeAsync(string paymentId, CancellationToken ct)
    {
        var p = await store.FindAsync(paymentId, ct).ConfigureAwait(false);
        if (p is null)
        {
            return PaymentProbe.Pending;
        }
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (p.State == PaymentSteps.AwaitingPayment && now >= p.ExpiresAtMs)
        {
            await ExpireAsync(p, now, ct).ConfigureAwait(false);
        }
        return p.State switch
        {
            PaymentSteps.Authorised or PaymentSteps.Captured => PaymentProbe.Authorised,
            PaymentSteps.Expired => PaymentProbe.Expired,
            _ => PaymentProbe.Pending,
        };
    }

    /// <inheritdoc />
    public async Task CaptureAsync(string paymentId, CancellationToken ct)
    {
        var p = await store.FindAsync(paymentId, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException("Unknown payment " + paymentId + ".");
        if (p.State == PaymentSteps.Captured)
        {
            return;
        }
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (!await store.TransitionAsync(paymentId, PaymentSteps.Authorised, PaymentSteps.Captured, null, null, now, ct).ConfigureAwait(false))
        {
            throw new InvalidOperationException("Payment " + paymentId + " is " + p.State + ", not authorised; nothing captured.");
        }
        await AuditAsync(p, PaymentSteps.Captured, null).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task VoidOrRefundAsync(string paymentId, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        // Each branch is a compare-and-set; loop because a concurrent confirm or capture may move the state under us.
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var p = await store.FindAsync(paymentId, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException("Unknown payment " + paymentId + ".");
            switch (p.State)
            {
                case PaymentSteps.Voided or PaymentSteps.Refunded or PaymentSteps.Expired:
                    return;
                case PaymentSteps.Captured:
                    if (await store.TransitionAsync(paymentId, p.State, PaymentSteps.Refunded, null, reason, now, ct).ConfigureAwait(false))
                    {
                        await AuditAsync(p, PaymentSteps.Refunded, reason).ConfigureAwait(false);
                        return;
                    }
                    break;
                default:
                    if (await store.TransitionAsync(paymentId, p.State, PaymentSteps.Voided, null, reason, now, ct).ConfigureAwait(false))
                    {
                        // An authorised void means the register took cash: the POS sees "voided" and hands it back.
                        await AuditAsync(p, PaymentSteps.Voided, reason + (p.State == PaymentSteps.Authorised ? " (return money at register)" : "")).ConfigureAwait(false);
                        return;
                    }
                    break;
            }
        }
        throw new InvalidOperationException("Payment " + paymentId + " kept changing state; void/refund not applied.");
    }

    /// <summary>The payment as stored (for the POS status endpoint and the order view).</summary>
    public Task<PaymentRecord?> FindByCodeAsync(string code, CancellationToken ct) => store.FindByCodeAsync(code, ct);

    private async Task ExpireAsync(PaymentRecord p, long now, CancellationToken ct)
    {
        if (await store.TransitionAsync(p.PaymentId, PaymentSteps.AwaitingPayment, PaymentSteps.Expired, null, "code expired", now, ct).ConfigureAwait(false))
        {
            p.State = PaymentSteps.Expired;
            await AuditAsync(p, PaymentSteps.Expired, null).ConfigureAwait(false);
        }
    }

    private Task AuditAsync(PaymentRecord p, string step, string? detail) =>
        audit.RecordAsync(new PaymentAuditEvent(p.PaymentId, p.OrderId, step, p.AmountYen, detail, time.GetUtcNow()), CancellationToken.None);
}
