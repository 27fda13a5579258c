using System.Diagnostics;
using Dapper;
using Kiosk.HostBridge.Audit;
using Kiosk.HostBridge.Fleet;
using Kiosk.HostBridge.Storage;

namespace Kiosk.EndToEnd.Tests.Fuzz.Endpoints;

/// <summary>What one family's run produced.</summary>
public sealed record EndpointFuzzReport(string Family, int Seed, long Inputs, TimeSpan Elapsed, TimeSpan Slowest, long HeapGrowthBytes, long PeakHeapBytes,
    long PeakWorkingSetBytes, int Stalls, string Statuses)
{
    /// <summary>Throughput.</summary>
    public double InputsPerSecond => Inputs / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <inheritdoc />
    public override string ToString()
        => "fuzz endpoints " + Family + ": " + Inputs + " inputs, seed " + Seed + ", " + Elapsed.TotalSeconds.ToString("F0") + " s, " + InputsPerSecond.ToString("F0")
           + " inputs/s, slowest " + Slowest.TotalMilliseconds.ToString("F0") + " ms, heap growth " + HeapGrowthBytes / 1024 + " KiB, peak heap "
           + PeakHeapBytes / (1024 * 1024) + " MiB, peak working set " + PeakWorkingSetBytes / (1024 * 1024) + " MiB, stalls " + Stalls + ", statuses " + Statuses;
}

/// <summary>
/// Drives one family against an in-process bridge: every answer judged by <see cref="EndpointOracle"/> and the family, every input bounded in time
/// (slow on three tries = a hang), no error logged, memory sampled (heap after a full collection must not keep growing), and the database's
/// invariants checked at the end. The first failure stops the run and prints the request to replay it.
/// </summary>
public static class EndpointFuzzLoop
{
    /// <summary>Time one request may take before it counts as slow.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    /// <summary>Heap growth (after a full collection, from the warmed-up baseline to the end) that counts as unbounded.</summary>
    public const long HeapGrowthBound = 64L * 1024 * 1024;

    /// <summary>Runs <paramref name="inputs"/> requests of <paramref name="family"/>.</summary>
    public static async Task<EndpointFuzzReport> RunAsync(InProcessBridge bridge, EndpointFamily family, long inputs)
    {
        bridge.Logs.Secrets = HttpMutator.PlantedMyNumbers;
        await family.SetupAsync(bridge);
        var seed = FuzzRunner.Seed;
        var random = new Random(seed ^ StableHash(family.Name));
        var statuses = new SortedDictionary<int, long>();
        var warmup = Math.Min(Math.Max(inputs / 10, 1), 20_000);
        var sampleEvery = Math.Max(Math.Min(inputs / 25, 20_000), 1_000);
        long baseline = 0, peakHeap = 0, peakWorkingSet = 0;
        var slowest = TimeSpan.Zero;
        var stalls = 0;
        var clock = Stopwatch.StartNew();
        var one = new Stopwatch();
        using var process = Process.GetCurrentProcess();
        // KIOSK_FUZZ_PROFILE=1: time spent per target (method and first two path segments), to see which inputs make a family slow.
        var profile = Environment.GetEnvironmentVariable("KIOSK_FUZZ_PROFILE") == "1" ? new SortedDictionary<string, (long Count, long Ticks)>() : null;
        for (long i = 0; i < inputs; i++)
        {
            var request = family.Next(random);
            one.Restart();
            var response = await SendBoundedAsync(bridge, request, i, family, seed);
            one.Stop();
            if (one.Elapsed > Limit)
            {
                // A loaded shared machine stalls now and then; a real hang is slow every time.
                var again = Stopwatch.StartNew();
                var retried = await SendBoundedAsync(bridge, request, i, family, seed);
                if (again.Elapsed > Limit)
                    throw Fail(bridge, family, seed, i, request, "took " + one.Elapsed + " and " + again.Elapsed + " on a retry (a hang)", retried);
                stalls++;
            }
            else if (one.Elapsed > slowest)
            {
                slowest = one.Elapsed;
            }
            statuses[response.Status] = statuses.GetValueOrDefault(response.Status) + 1;
            if (profile is not null)
            {
                var key = Target(request);
                var (n, ticks) = profile.GetValueOrDefault(key);
                profile[key] = (n + 1, ticks + one.Elapsed.Ticks);
            }
            var verdict = EndpointOracle.Judge(request, response, family.HtmlAllowed, family.NoEchoOnSuccess) ?? family.Judge(request, response);
            if (verdict is not null) throw Fail(bridge, family, seed, i, request, verdict, response);
            if (bridge.Logs.ErrorCount > 0) throw Fail(bridge, family, seed, i, request, "the bridge logged an error:\n" + bridge.Logs.LastErrors(), response);
            if (bridge.Logs.SecretHits().Count > 0) throw Fail(bridge, family, seed, i, request, "a planted My Number reached a log", response);
            await family.ObserveAsync(request, response);

            if (i + 1 == warmup)
            {
                GC.Collect(2, GCCollectionMode.Forced, true, true);
                GC.WaitForPendingFinalizers();
                baseline = GC.GetTotalMemory(true);
            }
            if ((i + 1) % sampleEvery == 0)
            {
                var heap = GC.GetTotalMemory(false);
                process.Refresh();
                peakHeap = Math.Max(peakHeap, heap);
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                // Long runs take tens of minutes: a progress line lets whoever watches see the rate and the memory as it goes.
                if (inputs >= 100_000) Progress(family.Name + ": " + (i + 1) + " / " + inputs + " inputs after " + clock.Elapsed.TotalSeconds.ToString("F0") + " s, heap "
                    + heap / (1024 * 1024) + " MiB, working set " + process.WorkingSet64 / (1024 * 1024) + " MiB, statuses "
                    + string.Join(" ", statuses.Select(s => s.Key + "×" + s.Value)));
                // Far beyond any steady state: stop early rather than take the machine down.
                if (baseline > 0 && heap - baseline > 8 * HeapGrowthBound)
                    throw Fail(bridge, family, seed, i, request, "managed heap grew by " + (heap - baseline) / (1024 * 1024) + " MiB", response);
            }
        }
        clock.Stop();
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        GC.WaitForPendingFinalizers();
        var growth = GC.GetTotalMemory(true) - baseline;
        process.Refresh();
        peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
        var report = new EndpointFuzzReport(family.Name, seed, inputs, clock.Elapsed, slowest, growth, Math.Max(peakHeap, baseline + growth), peakWorkingSet, stalls,
            string.Join(" ", statuses.Select(s => s.Key + "×" + s.Value)));
        Console.WriteLine(report);
        Progress("done: " + report);
        if (profile is not null)
            foreach (var (key, (n, ticks)) in profile.OrderByDescending(p => p.Value.Ticks))
                Progress("profile " + key + ": " + n + " inputs, " + TimeSpan.FromTicks(ticks).TotalSeconds.ToString("F1") + " s, "
                    + (n / Math.Max(TimeSpan.FromTicks(ticks).TotalSeconds, 1e-9)).ToString("F0") + " inputs/s");
        Assert.True(growth < HeapGrowthBound, report + "\nthe managed heap kept growing (unbounded memory)");
        await AssertInvariantsAsync(bridge);
        return report;
    }

    private static string Target(FuzzRequest r)
    {
        var segments = r.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return r.Method + " /" + string.Join("/", segments.Take(2).Select(s => s.Length > 24 ? s[..24] : s));
    }

    // dotnet test shows a test's output only when it ends; KIOSK_FUZZ_PROGRESS=<file> gets each progress line as it happens.
    private static void Progress(string line)
    {
        Console.WriteLine("fuzz endpoints progress " + line);
        if (Environment.GetEnvironmentVariable("KIOSK_FUZZ_PROGRESS") is { Length: > 0 } file)
            File.AppendAllText(file, DateTime.UtcNow.ToString("HH:mm:ss") + " " + line + Environment.NewLine);
    }

    private static async Task<FuzzResponse> SendBoundedAsync(InProcessBridge bridge, FuzzRequest request, long index, EndpointFamily family, int seed)
    {
        using var cts = new CancellationTokenSource();
        var send = bridge.SendAsync(request, cts.Token);
        var done = await Task.WhenAny(send, Task.Delay(Limit * 4));
        if (done != send)
        {
            await cts.CancelAsync();
            throw Fail(bridge, family, seed, index, request, "no answer within " + Limit * 4 + " (a hang)", null);
        }
        try
        {
            return await send;
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            // TestServer hands an exception that escaped the whole pipeline to the caller: Kestrel would have dropped the connection.
            throw Fail(bridge, family, seed, index, request, "an exception escaped the pipeline: " + e, null);
        }
    }

    /// <summary>Invariants of the bridge's data after a run: every order belongs to a session, and both audit chains verify.</summary>
    public static async Task AssertInvariantsAsync(InProcessBridge bridge)
    {
        await using (var c = await bridge.Get<IDatabase>().OpenAsync(CancellationToken.None))
        {
            var orphans = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.session_id = o.session_id)");
            Assert.Equal(0, orphans);
        }
        var audit = await bridge.Get<AuditLog>().VerifyAsync(CancellationToken.None);
        Assert.True(audit.Intact, "audit chain: " + audit.Problem + " at " + audit.FirstBrokenSeq);
        var fleet = await bridge.Get<FleetAudit>().VerifyAsync(CancellationToken.None);
        Assert.True(fleet.Intact, "fleet audit chain: " + fleet.Problem + " at " + fleet.FirstBrokenSeq);
    }

    private static Xunit.Sdk.XunitException Fail(InProcessBridge bridge, EndpointFamily family, int seed, long index, FuzzRequest request, string why, FuzzResponse? response)
        => new(family.Name + " input #" + index + " (KIOSK_FUZZ_SEED=" + seed + ") " + why + "\nrequest: " + request.Describe()
               + (response is null ? "" : "\nanswer: " + response.Status + " " + response.ContentType + " " + (response.Body.Length > 1000 ? response.Body[..1000] : response.Body))
               + (bridge.Logs.ErrorCount > 0 ? "\nbridge errors:\n" + bridge.Logs.LastErrors() : ""));

    /// <summary>A hash that is the same in every process (string.GetHashCode is randomised per process, which would make seeds unreproducible).</summary>
    public static int StableHash(string s)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var ch in s) h = (h ^ ch) * 16777619;
            return h;
        }
    }
}
