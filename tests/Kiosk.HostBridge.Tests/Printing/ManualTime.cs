namespace Kiosk.HostBridge.Tests.PrintingTests;

/// <summary>A clock the test moves by hand (for expiry and simulated processing time); timers still run on real time.</summary>
internal sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
