using System.Security.Cryptography;
using Kiosk.HostBridge.Fleet.Rollouts;

namespace Kiosk.HostBridge.Tests.Fleet;

/// <summary>Staged-rollout thresholds, stable percentage slices, and the signed bundle checks.</summary>
public sealed class RolloutPolicyTests
{
    private static readonly GroupThresholds Standard = new(SuccessToAdvance: 0.9, FailureToPause: 0.1, FailureToAbort: 0.3, RequiresApproval: false);

    [Theory]
    [InlineData(10, 0, 0, RolloutDecision.Wait)]
    [InlineData(10, 8, 0, RolloutDecision.Wait)]
    [InlineData(10, 9, 0, RolloutDecision.Advance)]
    [InlineData(10, 9, 1, RolloutDecision.Pause)]
    [InlineData(10, 0, 1, RolloutDecision.Pause)]
    [InlineData(10, 2, 3, RolloutDecision.Abort)]
    [InlineData(100, 5, 9, RolloutDecision.Wait)]
    [InlineData(100, 5, 10, RolloutDecision.Pause)]
    [InlineData(0, 0, 0, RolloutDecision.Advance)]
    public void Decides_from_shares_of_the_whole_group(int targeted, int succeeded, int failed, RolloutDecision expected)
        => Assert.Equal(expected, RolloutPolicy.Decide(Standard, new GroupProgress(targeted, succeeded, failed)));

    [Fact]
    public void Group_that_can_no_longer_reach_the_success_threshold_is_held()
    {
        // 20 devices, 90 % needed: with 1 failure (5 %, under the pause threshold) 19 can still succeed; with 3 failures they cannot.
        var loose = Standard with { FailureToPause = 0.5, FailureToAbort = 0.8 };
        Assert.Equal(RolloutDecision.Wait, RolloutPolicy.Decide(loose, new GroupProgress(20, 10, 2)));
        Assert.Equal(RolloutDecision.Pause, RolloutPolicy.Decide(loose, new GroupProgress(20, 10, 3)));
    }

    [Fact]
    public void Approval_holds_a_successful_group_for_a_person()
        => Assert.Equal(RolloutDecision.AwaitApproval, RolloutPolicy.Decide(Standard with { RequiresApproval = true }, new GroupProgress(4, 4, 0)));

    [Fact]
    public void Inconsistent_thresholds_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => (Standard with { FailureToAbort = 0.05 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (Standard with { SuccessToAdvance = 0 }).Validate());
        Standard.Validate();
    }

    [Fact]
    public void Percentage_slices_are_stable_nested_and_near_the_requested_share()
    {
        var devices = Enumerable.Range(0, 2000).Select(i => "kiosk-" + i.ToString("x6")).ToList();
        var ten = devices.Where(d => RolloutPolicy.InPercentage("r1", d, 10)).ToList();
        var fifty = devices.Where(d => RolloutPolicy.InPercentage("r1", d, 50)).ToHashSet();
        Assert.InRange(ten.Count, 140, 260);
        Assert.InRange(fifty.Count, 900, 1100);
        Assert.All(ten, d => Assert.Contains(d, fifty)); // a device in the first group stays in the rollout as groups widen
        Assert.Equal(ten, devices.Where(d => RolloutPolicy.InPercentage("r1", d, 10)).ToList());
        Assert.DoesNotContain(devices, d => RolloutPolicy.InPercentage("r1", d, 0));
        Assert.Equal(devices.Count, devices.Count(d => RolloutPolicy.InPercentage("r1", d, 100)));
    }

    [Fact]
    public void Bundle_signature_size_and_digest_are_all_checked()
    {
        using var release = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var content = RandomNumberGenerator.GetBytes(4096);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var signature = release.SignData(ReleaseBundle.SignedStatement("2.4.0", content.Length, sha), HashAlgorithmName.SHA256);

        var bundle = ReleaseBundle.Verify("2.4.0", content, signature, release);
        Assert.NotNull(bundle);
        Assert.True(bundle.Matches(content));
        Assert.Null(ReleaseBundle.Verify("2.4.1", content, signature, release));
        Assert.Null(ReleaseBundle.Verify("2.4.0", content, signature, other));
        var tampered = (byte[])content.Clone();
        tampered[100] ^= 1;
        Assert.Null(ReleaseBundle.Verify("2.4.0", tampered, signature, release));
        Assert.False(bundle.Matches(tampered));
        Assert.False(bundle.Matches(content[..^1]));
    }
}
