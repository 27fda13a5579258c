namespace Kiosk.HostBridge.Audit;

/// <summary>One audited step. Only ids, hashes and codes: never a name, My Number, PIN or document content.</summary>
public sealed record AuditEntry(
    string Step,
    string Outcome,
    string? DeviceId = null,
    string? StoreId = null,
    string? SessionId = null,
    string? OrderId = null,
    string? SerialHash = null,
    string? ReceiptCode = null,
    string? Product = null);

/// <summary>A stored audit row with its chain fields.</summary>
public sealed record AuditRecord(long Seq, DateTimeOffset At, AuditEntry Entry, string PrevHash, string Hash) : IChainRecord;

/// <summary>Result of verifying the chain.</summary>
public sealed record AuditVerification(bool Intact, long Records, long? FirstBrokenSeq, string? Problem);
