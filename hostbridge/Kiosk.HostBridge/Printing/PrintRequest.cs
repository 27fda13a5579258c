namespace Kiosk.HostBridge.Printing;

/// <summary>What the order orchestration hands the print gate: one document bound to one order, session and certificate.
/// The gate wipes <see cref="Pdf"/> when the job ends, whatever the outcome.</summary>
public sealed record PrintRequest(string OrderId, string SessionId, string SerialHash, string DocumentId, byte[] Pdf, int Copies = 1);

/// <summary>How a print ended. Anything but <see cref="Printed"/> means the whole order ends (failed, money voided or refunded).</summary>
/// <param name="OrderId">The order the outcome belongs to.</param>
/// <param name="Printed">True only when the printer reported the job completed.</param>
/// <param name="Submitted">True when the printer accepted the job (money may have been captured).</param>
/// <param name="JobId">The printer's job id, when submitted.</param>
/// <param name="FinalState">The last job state seen.</param>
/// <param name="Reason">Null when printed; else a reason code from <see cref="PrintReasons"/>.</param>
public sealed record PrintOutcome(string OrderId, bool Printed, bool Submitted, string? JobId, PrintJobState FinalState, string? Reason);
