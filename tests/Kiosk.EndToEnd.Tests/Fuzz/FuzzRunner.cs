using System.Diagnostics;

namespace Kiosk.EndToEnd.Tests.Fuzz;

/// <summary>What one parser's run produced.</summary>
public sealed record FuzzReport(string Parser, int Seed, long Inputs, TimeSpan Elapsed, TimeSpan SlowestInput, long MemoryGrowthBytes, int Stalls = 0)
{
    /// <summary>Throughput of the run.</summary>
    public double InputsPerSecond => Inputs / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <inheritdoc />
    public override string ToString()
        => Parser + ": " + Inputs + " inputs, seed " + Seed + ", " + InputsPerSecond.ToString("F0") + " inputs/s, slowest input "
           + SlowestInput.TotalMilliseconds.ToString("F1") + " ms, managed memory growth " + (MemoryGrowthBytes / 1024) + " KiB"
           + (Stalls > 0 ? ", " + Stalls + " machine stalls (over the limit once, fast when retried)" : "");
}

/// <summary>
/// Seeded mutation fuzzing: each input is a valid sample mutated (bit flips, byte overwrites, inserts, deletes, truncation,
/// splices) or plain noise, fed to a target that must return or throw only its documented format exception. Short in the
/// suite; KIOSK_LONG=1 runs 10^6 inputs per parser (KIOSK_FUZZ_INPUTS and KIOSK_FUZZ_SEED override count and seed).
/// </summary>
public static class FuzzRunner
{
    /// <summary>True when the long mode was asked for.</summary>
    public static bool Long => Environment.GetEnvironmentVariable("KIOSK_LONG") == "1";

    /// <summary>The seed for this run (fixed unless KIOSK_FUZZ_SEED says otherwise, so failures reproduce).</summary>
    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("KIOSK_FUZZ_SEED"), out var s) ? s : 20260322;

    /// <summary>Inputs for a parser: the suite's short count, 10^6 in long mode, or KIOSK_FUZZ_INPUTS.</summary>
    public static long Inputs(long shortCount)
        => long.TryParse(Environment.GetEnvironmentVariable("KIOSK_FUZZ_INPUTS"), out var n) ? n : Long ? 1_000_000 : shortCount;

    /// <summary>Runs <paramref name="target"/> over mutated samples; any exception not accepted by <paramref name="expected"/> fails with the input in hex.</summary>
    public static FuzzReport Run(string parser, long inputs, IReadOnlyList<byte[]> samples, Action<byte[]> target, Func<Exception, bool> expected,
        TimeSpan? hangLimit = null)
    {
        var limit = hangLimit ?? TimeSpan.FromSeconds(2);
        // string.GetHashCode is randomised per process: a stable hash keeps "seed N" meaning the same inputs in every run.
        var random = new Random(Seed ^ Endpoints.EndpointFuzzLoop.StableHash(parser));
        GC.Collect();
        var memoryBefore = GC.GetTotalMemory(true);
        var total = Stopwatch.StartNew();
        var one = new Stopwatch();
        var slowest = TimeSpan.Zero;
        var stalls = 0;
        for (long i = 0; i < inputs; i++)
        {
            var input = Mutate(random, samples);
            one.Restart();
            try
            {
                target(input);
            }
            catch (Exception e) when (expected(e))
            {
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException(parser + " input #" + i + " (seed " + Seed + ") threw " + e.GetType().Name + ": " + e.Message
                    + "\ninput: " + Convert.ToHexString(input) + "\n" + e);
            }
            one.Stop();
            // A real hang repeats; a stall of a loaded machine (GC, scheduler) does not: an input fails only if it is slow on every try.
            if (one.Elapsed > limit && SlowEveryTime(input, target, limit))
                throw new Xunit.Sdk.XunitException(parser + " input #" + i + " took " + one.Elapsed + " on each of 3 tries: " + Convert.ToHexString(input));
            if (one.Elapsed > limit) stalls++;
            else if (one.Elapsed > slowest) slowest = one.Elapsed;
        }
        total.Stop();
        var growth = GC.GetTotalMemory(true) - memoryBefore;
        var report = new FuzzReport(parser, Seed, inputs, total.Elapsed, slowest, growth, stalls);
        Console.WriteLine("fuzz " + report);
        return report;
    }

    private static bool SlowEveryTime(byte[] input, Action<byte[]> target, TimeSpan limit)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var again = Stopwatch.StartNew();
            try
            {
                target(input);
            }
            catch (Exception)
            {
                // Its outcome was already judged on the first run; only its time is measured here.
            }
            if (again.Elapsed <= limit) return false;
        }
        return true;
    }

    /// <summary>One input derived from a random sample.</summary>
    public static byte[] Mutate(Random random, IReadOnlyList<byte[]> samples)
    {
        var kind = random.Next(10);
        if (kind == 0 || samples.Count == 0)
        {
            var noise = new byte[random.Next(0, 64)];
            random.NextBytes(noise);
            return noise;
        }
        var data = new List<byte>(samples[random.Next(samples.Count)]);
        var edits = 1 + random.Next(4);
        for (var e = 0; e < edits; e++)
        {
            switch (kind == 1 ? 5 : random.Next(6))
            {
                case 0 when data.Count > 0:
                    var bit = random.Next(data.Count * 8);
                    data[bit / 8] ^= (byte)(1 << (bit % 8));
                    break;
                case 1 when data.Count > 0:
                    data[random.Next(data.Count)] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2:
                    data.Insert(random.Next(data.Count + 1), (byte)random.Next(256));
                    break;
                case 3 when data.Count > 0:
                    data.RemoveAt(random.Next(data.Count));
                    break;
                case 4 when data.Count > 0:
                    data.RemoveRange(random.Next(data.Count), 1);
                    data = data.Take(random.Next(data.Count + 1)).ToList();
                    break;
                case 5:
                    var other = samples[random.Next(samples.Count)];
                    if (other.Length == 0) break;
                    var from = random.Next(other.Length);
                    data.InsertRange(random.Next(data.Count + 1), other.Skip(from).Take(random.Next(1, 32)));
                    break;
            }
        }
        return data.ToArray();
    }

    // Boundary bytes that length fields and tags trip over.
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0x81, 0x82, 0x83, 0x84, 0xFE, 0xFF, 0x30, 0xD5, 0xD4, 0x90, 0x61, 0x6C, 0x63];
}
