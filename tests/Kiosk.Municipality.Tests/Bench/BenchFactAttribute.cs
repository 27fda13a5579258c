namespace Kiosk.Municipality.Tests.Bench;

/// <summary>A fact that runs only with KIOSK_BENCH=1 (benchmarks measure; they never assert speed).</summary>
public sealed class BenchFactAttribute : FactAttribute
{
    public BenchFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("KIOSK_BENCH") != "1")
            Skip = "benchmark: run with KIOSK_BENCH=1";
    }
}
