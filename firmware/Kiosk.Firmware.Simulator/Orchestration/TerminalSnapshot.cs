namespace Kiosk.Firmware.Simulator.Orchestration;

/// <summary>What the terminal core was doing after its last step: state, screen text and the session facts the simulator needs
/// (the payment code for the register, the order for the printed PDF). Never holds a PIN digit: the core does not expose them.</summary>
public sealed record TerminalSnapshot(
    string StateName,
    string ScreenText,
    int Language,
    string LanguageTag,
    int ChoiceIndex,
    IReadOnlyList<string> Products,
    string? PaymentCode,
    string? OrderId,
    int TriesLeft,
    string? ErrorKey,
    string? ErrorText,
    long FrameVersion)
{
    /// <summary>Before the core's first step.</summary>
    public static TerminalSnapshot Starting { get; } = new("Starting", "", 0, "ja", 0, [], null, null, -1, null, null, -1);
}

/// <summary>Read access to the running terminal core.</summary>
public interface ITerminalView
{
    /// <summary>The latest snapshot.</summary>
    TerminalSnapshot Snapshot { get; }
}
