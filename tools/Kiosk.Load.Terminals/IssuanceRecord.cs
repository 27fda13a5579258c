namespace Kiosk.Load.Terminals;

/// <summary>How one scripted transaction ended, as the terminal saw it.</summary>
public enum IssuanceOutcome
{
    /// <summary>The terminal showed "take your documents": the bridge reported the order printed.</summary>
    Printed,
    /// <summary>The order reached a final state without paper (failed, cancelled, refunded); <see cref="IssuanceRecord.Reason"/> says why.</summary>
    OrderEnded,
    /// <summary>The terminal showed an error before or after placing an order (bridge problem, bridge down, card error).</summary>
    Error,
    /// <summary>A screen timed out and the core went back to idle by itself.</summary>
    TimedOut,
}

/// <summary>One transaction of a headless terminal: who, which session and order, how it ended and how long it took.</summary>
public sealed record IssuanceRecord(
    string Terminal,
    int Sequence,
    string ResidentId,
    string? SessionId,
    string? OrderId,
    string? PaymentCode,
    IssuanceOutcome Outcome,
    string? LastOrderState,
    string? Reason,
    string LastScreen,
    DateTime StartedUtc,
    double ElapsedMs)
{
    /// <summary>True when the terminal reported the documents printed.</summary>
    public bool Printed => Outcome == IssuanceOutcome.Printed;
}

/// <summary>A payment the terminal is showing a code for; the harness's clerk decides whether and when to confirm it.</summary>
public sealed record PaymentDue(string Terminal, int Sequence, string ResidentId, string SessionId, string OrderId, string PaymentCode);
