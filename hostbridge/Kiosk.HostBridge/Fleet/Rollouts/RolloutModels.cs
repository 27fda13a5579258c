namespace Kiosk.HostBridge.Fleet.Rollouts;

/// <summary>Rollout states as stored and shown.</summary>
public static class RolloutStates
{
    /// <summary>Released groups' devices are offered the bundle.</summary>
    public const string Running = "running";
    /// <summary>A group met its success threshold; the next waits for an admin's approval.</summary>
    public const string AwaitingApproval = "awaiting-approval";
    /// <summary>Held (by an admin or the pause threshold): nobody is offered the bundle.</summary>
    public const string Paused = "paused";
    /// <summary>Stopped for good: devices already on the new bundle are told to go back.</summary>
    public const string Aborted = "aborted";
    /// <summary>Every group released and the last one met its success threshold.</summary>
    public const string Completed = "completed";

    /// <summary>True for states a rollout can still leave.</summary>
    public static bool IsActive(string state) => state is Running or AwaitingApproval or Paused;
}

/// <summary>Per-device states of an assignment.</summary>
public static class AssignmentStates
{
    /// <summary>Targeted, not yet downloading.</summary>
    public const string Pending = "pending";
    /// <summary>The device fetched (part of) the bundle.</summary>
    public const string Downloading = "downloading";
    /// <summary>The device runs the new bundle and confirmed it.</summary>
    public const string Succeeded = "succeeded";
    /// <summary>The device refused or could not keep the bundle and is on its previous one.</summary>
    public const string Failed = "failed";
    /// <summary>After an abort the device went back to its previous bundle.</summary>
    public const string RolledBack = "rolled-back";
}

/// <summary>One group of a rollout: a cumulative percentage of the municipality's devices or a list of stores, with its thresholds.</summary>
public sealed record RolloutGroupSpec(int? Percent, IReadOnlyList<string>? Stores, GroupThresholds Thresholds)
{
    /// <summary>"25 %" or "stores: a, b" for pages.</summary>
    public string Describe() => Percent is { } p ? p + " % of devices" : "stores: " + string.Join(", ", Stores ?? []);
}

/// <summary>An uploaded, signature-checked bundle.</summary>
public sealed record BundleView(string BundleId, string Version, long Size, string Sha256, string? MunicipalityCode, string UploadedBy,
    DateTimeOffset UploadedAt);

/// <summary>Counts and state of one group.</summary>
public sealed record GroupView(int Index, string Targets, GroupThresholds Thresholds, bool Released, int Targeted, int Succeeded, int Failed,
    int Pending, int JoinedLate);

/// <summary>One device's part in a rollout.</summary>
public sealed record AssignmentView(string DeviceId, string StoreId, int Group, string? PreviousVersion, string State, string? Reason, bool JoinedLate,
    DateTimeOffset AssignedAt, DateTimeOffset? OfferedAt, DateTimeOffset? ReportedAt);

/// <summary>A rollout with its progress.</summary>
public sealed record RolloutView(string RolloutId, BundleView Bundle, string MunicipalityCode, string State, int ReleasedGroup, string? Window,
    string? Decision, string? DecisionCause, string CreatedBy, DateTimeOffset CreatedAt, IReadOnlyList<GroupView> Groups,
    IReadOnlyList<AssignmentView> Devices);

/// <summary>What <c>GET /v1/updates</c> answers: none (with why and when to ask again), install, or rollback.</summary>
public sealed record UpdateOffer(string Action, string? Version, int? Size, string? Sha256, string? Url, string? Reason, int? RetryAfterSeconds)
{
    /// <summary>Nothing to do.</summary>
    public static UpdateOffer None(string reason, int? retryAfterSeconds = null) => new("none", null, null, null, null, reason, retryAfterSeconds);
}
