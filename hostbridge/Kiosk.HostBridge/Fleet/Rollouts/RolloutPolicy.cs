namespace Kiosk.HostBridge.Fleet.Rollouts;

/// <summary>Thresholds of one rollout group: success share to advance, failure share to pause or abort, and whether a person must approve.</summary>
public sealed record GroupThresholds(double SuccessToAdvance, double FailureToPause, double FailureToAbort, bool RequiresApproval)
{
    /// <summary>Rejects thresholds that cannot work together (shares in 0..1, abort not below pause, pause above zero).</summary>
    public void Validate()
    {
        if (SuccessToAdvance is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(SuccessToAdvance), "Success threshold: above 0, at most 1.");
        if (FailureToPause is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(FailureToPause), "Pause threshold: above 0, at most 1.");
        if (FailureToAbort < FailureToPause || FailureToAbort > 1)
            throw new ArgumentOutOfRangeException(nameof(FailureToAbort), "Abort threshold: at least the pause threshold, at most 1.");
    }
}

/// <summary>Device outcomes in one group so far.</summary>
public sealed record GroupProgress(int Targeted, int Succeeded, int Failed)
{
    /// <summary>Devices that have not reported yet.</summary>
    public int Pending => Targeted - Succeeded - Failed;
}

/// <summary>What the rollout does next with a group.</summary>
public enum RolloutDecision
{
    /// <summary>Keep waiting for reports.</summary>
    Wait,

    /// <summary>Success threshold met: release the next group.</summary>
    Advance,

    /// <summary>Success threshold met but a person must approve the next group.</summary>
    AwaitApproval,

    /// <summary>Failure share crossed the pause threshold: hold every further group.</summary>
    Pause,

    /// <summary>Failure share crossed the abort threshold: stop and send devices back to their previous bundle.</summary>
    Abort,
}

/// <summary>The threshold logic of staged rollouts, separate from storage so it is tested on its own.</summary>
public static class RolloutPolicy
{
    /// <summary>Decides from the group's progress; failures are judged against the whole group so a few early failures among many pending do not stop it alone.</summary>
    public static RolloutDecision Decide(GroupThresholds thresholds, GroupProgress progress)
    {
        if (progress.Targeted <= 0) return thresholds.RequiresApproval ? RolloutDecision.AwaitApproval : RolloutDecision.Advance;
        if (progress.Succeeded < 0 || progress.Failed < 0 || progress.Pending < 0) throw new ArgumentException("Counts out of range.", nameof(progress));
        var failed = (double)progress.Failed / progress.Targeted;
        var succeeded = (double)progress.Succeeded / progress.Targeted;
        if (failed >= thresholds.FailureToAbort) return RolloutDecision.Abort;
        if (failed >= thresholds.FailureToPause) return RolloutDecision.Pause;
        if (succeeded >= thresholds.SuccessToAdvance) return thresholds.RequiresApproval ? RolloutDecision.AwaitApproval : RolloutDecision.Advance;
        // Even if every pending device succeeds the group can no longer reach the success threshold: hold it rather than wait forever.
        if ((double)(progress.Succeeded + progress.Pending) / progress.Targeted < thresholds.SuccessToAdvance) return RolloutDecision.Pause;
        return RolloutDecision.Wait;
    }

    /// <summary>Picks a stable percentage slice of devices: the same device always falls in the same bucket (SHA-256 of rollout id and device id).</summary>
    public static bool InPercentage(string rolloutId, string deviceId, int cumulativePercent)
    {
        if (cumulativePercent is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(cumulativePercent));
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(rolloutId + "\n" + deviceId));
        var bucket = (int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash) % 100);
        return bucket < cumulativePercent;
    }
}
