namespace Kiosk.Firmware.Core.Hardware
{
    /// <summary>Time for the core: a monotonic millisecond counter for timeouts, and wall-clock UTC for display and logs.</summary>
    public interface IClock
    {
        /// <summary>Milliseconds since an arbitrary start; never goes backwards.</summary>
        long MonotonicMs { get; }

        /// <summary>Wall-clock time in UTC (set by SNTP or the bridge on the board).</summary>
        System.DateTime UtcNow { get; }
    }
}
