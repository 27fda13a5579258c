namespace Kiosk.Firmware.Simulator.Orchestration;

/// <summary>The store's POS as far as the simulator plays it: confirm the payment the terminal is showing a code for.</summary>
public interface IPaymentRegister
{
    /// <summary>True when the bridge runs in pay-at-register mode (the front panel then shows the button).</summary>
    bool Enabled { get; }

    /// <summary>The payment code waiting at the register, or null.</summary>
    string? PendingCode { get; }

    /// <summary>Confirms the pending payment as the store clerk would; returns the code confirmed.</summary>
    Task<string> ConfirmAsync(CancellationToken ct);
}

/// <summary>The register while payments are not wired: says so.</summary>
public sealed class MissingRegister(bool enabled, string reason) : IPaymentRegister
{
    /// <inheritdoc />
    public bool Enabled => enabled;

    /// <inheritdoc />
    public string? PendingCode => null;

    /// <inheritdoc />
    public Task<string> ConfirmAsync(CancellationToken ct) => throw new PartMissingException(reason);
}
