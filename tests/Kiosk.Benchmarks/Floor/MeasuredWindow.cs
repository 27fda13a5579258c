namespace Kiosk.Benchmarks.Floor;

/// <summary>One measurement: waits for the warm-up issuances, reads the CPU counters, waits for the measured issuances, reads
/// them again. The count is taken at the readings, so issuances finishing in between are counted exactly once.</summary>
internal static class MeasuredWindow
{
    /// <summary>The use between the readings, the issuances counted and the wall time, or null when the limit ran out first.</summary>
    public static async Task<(Dictionary<string, double> Use, long Issuances, TimeSpan Wall)?> RunAsync(
        Func<long> printed, long warmUpTo, int measured, Func<CpuReading> read, TimeSpan limit, TextWriter log, string name)
    {
        var deadline = DateTime.UtcNow + limit;
        while (printed() < warmUpTo)
        {
            if (DateTime.UtcNow > deadline) return null;
            await Task.Delay(50);
        }
        long first = printed();
        var start = read();
        var clock = CpuReading.Clock();
        long lastShown = first;
        while (printed() < first + measured)
        {
            if (DateTime.UtcNow > deadline) return null;
            await Task.Delay(50);
            if (printed() - lastShown >= Math.Max(50, measured / 4))
            {
                lastShown = printed();
                log.WriteLine("floor: " + name + ": " + (lastShown - first) + "/" + measured + " issuances measured");
            }
        }
        long last = printed();
        var end = read();
        return (end.Since(start), last - first, clock.Elapsed);
    }
}
