#if HAS_BRIDGE && HAS_PAYMENTS
using Kiosk.Firmware.Simulator.Orchestration;
using Kiosk.HostBridge.Payments;

namespace Kiosk.Firmware.Simulator.Wiring;

/// <summary>The store's POS in the simulator: reads the code the terminal shows and confirms it with the bridge's
/// pay-at-register provider for the dev store, as a clerk's register would after taking the money.</summary>
internal sealed class BridgeRegister(BridgePart bridge, ITerminalView terminal) : IPaymentRegister
{
    /// <inheritdoc />
    public bool Enabled => true;

    /// <inheritdoc />
    public string? PendingCode
    {
        get
        {
            var s = terminal.Snapshot;
            return s.StateName == "Payment" ? s.PaymentCode : null;
        }
    }

    /// <inheritdoc />
    public async Task<string> ConfirmAsync(CancellationToken ct)
    {
        string code = PendingCode ?? throw new InvalidOperationException("No payment is waiting: the terminal shows no payment code.");
        var provider = bridge.Services.GetService<PayAtRegisterProvider>()
            ?? throw new PartMissingException("not yet available: the bridge runs without pay-at-register");
        string normal = PaymentCodes.Normalise(code) ?? throw new InvalidOperationException("The terminal shows '" + code + "', which is not a payment code.");
        var payment = await provider.FindByCodeAsync(normal, ct) ?? throw new InvalidOperationException("The bridge knows no payment with code " + code + ".");
        var (result, _) = await provider.ConfirmAsync(normal, BridgePart.DevStore, payment.AmountYen, ct);
        if (result != ConfirmResult.Confirmed) throw new InvalidOperationException("The register could not confirm code " + code + ": " + result + ".");
        return code;
    }
}
#endif
