using System.Diagnostics;
using Kiosk.Hardware.Emulator.Card;
using Kiosk.Load.Checks;
using Kiosk.Load.Faults;
using Kiosk.Load.Terminals;

namespace Kiosk.Load.Harness;

/// <summary>One whole load run: start the world, run the terminals, let the bridge settle, check, report.</summary>
public static class LoadRun
{
    /// <summary>The test residents whose cards the terminals carry: every default profile with a usable auth certificate that may
    /// be issued a 住民票 at a store (one with a single PIN try left, one with two, foreign residents), handed out round-robin.
    /// (ito-yui, a child, is refused by the municipality as under age: right, but no issuance.)</summary>
    public static readonly string[] Residents = ["tanaka-hanako", "nguyen-van-an", "smith-emily", "kim-minjun", "suzuki-ichiro"];

    /// <summary>The fast timings, with the payment wait just past the bridge's code lifetime: a resident who never pays is
    /// given up on by the terminal (which cancels the order) soon after the code expired at the bridge.</summary>
    private static string DatabaseName(string? connectionString)
        => connectionString is null ? "" : new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database ?? "";

    private static Kiosk.Firmware.Core.Session.SessionConfig Timings(TimeSpan codeLifetime, int orderWaitMs)
    {
        var t = HeadlessTerminal.FastTimings();
        t.PaymentMs = (int)Math.Min(t.PaymentMs, codeLifetime.TotalMilliseconds + 2000);
        t.OrderWaitMs = orderWaitMs;
        return t;
    }

    /// <summary>Runs it; never throws for a failed invariant (the report says so), only for a world that cannot start.</summary>
    public static async Task<LoadReport> RunAsync(LoadOptions o, TextWriter log, CancellationToken ct)
    {
        var dice = o.Faults ? new FaultDice(o.Seed) : null;
        var rates = new FaultRates();
        var deviceIds = Enumerable.Range(1, o.Terminals).Select(i => "load-term-" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await using var world = await LoadWorld.StartAsync(o, deviceIds, dice, rates, log, ct);
        await using var clerk = new StoreClerk(world.BridgeOps, world.StoreApiKey, dice, rates, workers: Math.Max(2, o.Terminals / 4));
        var gate = new CollisionGate(o.Terminals, o.BarrierShare, o.Seed);
        using var stopFaults = new CancellationTokenSource();
        PrinterFaults? printerFaults = dice == null ? null : new PrinterFaults(world.Printers, dice, rates, world.PrintTimeout);
        var printerTask = printerFaults?.RunAsync(stopFaults.Token) ?? Task.CompletedTask;

        var terminals = new List<HeadlessTerminal>();
        var residentOfDevice = new Dictionary<string, string>(StringComparer.Ordinal);
        long done = 0;
        for (int i = 0; i < o.Terminals; i++)
        {
            var profile = world.Jpki.Profiles.Get(Residents[i % Residents.Length]);
            residentOfDevice[deviceIds[i]] = profile.Id;
            int share = o.Issuances / o.Terminals + (i < o.Issuances % o.Terminals ? 1 : 0);
            if (share == 0) continue;
            terminals.Add(new HeadlessTerminal(new HeadlessTerminalOptions
            {
                Name = deviceIds[i],
                // Without faults the proxy only copies bytes: terminals go straight to the bridge, so its CPU is not charged to the run.
                Port = o.Faults ? world.Proxy.Port : world.BridgeKiosk.Port,
                DeviceCertificate = world.Devices[deviceIds[i]],
                FleetCa = world.FleetCa,
                Card = VirtualMyNumberCard.Create(profile, world.Jpki),
                Pin = profile.AuthPin!,
                Timings = Timings(world.CodeLifetime, o.OrderWaitMs),
                MaxTransactions = share,
                PaymentShown = clerk.Enqueue,
                BeforeOrder = (_, round) => gate.Arrive(round),
                Completed = _ => Interlocked.Increment(ref done),
                Log = o.Verbose ? (t, line) => log.WriteLine(t + ": " + line) : null,
            }));
        }

        log.WriteLine("load: " + terminals.Count + " terminals, " + o.Issuances + " transactions, faults " + (o.Faults ? "on" : "off") + ", seed " + o.Seed);
        // The bridge's and PostgreSQL's fixed cost (worker passes, timers) first, with nothing else running.
        var idle = await CpuUse.MeasureIdleAsync(world.BridgeChild?.ProcessId, world.PostgresPort, TimeSpan.FromSeconds(3));
        if (o.PgStats) await PgStatements.ResetAsync(world.BridgeDatabase);
        var cpu = new CpuUse.Mark(world.BridgeChild?.ProcessId, world.PostgresPort);
        var wall = Stopwatch.StartNew();
        foreach (var t in terminals) t.Start();
        var deadline = DateTime.UtcNow + o.Limit;
        long lastShown = 0;
        while (terminals.Any(t => t.IsRunning) && DateTime.UtcNow < deadline && !ct.IsCancellationRequested)
        {
            await Task.Delay(500, CancellationToken.None);
            long now = Interlocked.Read(ref done);
            if (now - lastShown >= Math.Max(100, o.Issuances / 20))
            {
                lastShown = now;
                log.WriteLine("load: " + now + "/" + o.Issuances + " transactions after " + wall.Elapsed.TotalSeconds.ToString("F0") + " s");
            }
        }
        bool complete = terminals.All(t => !t.IsRunning);
        foreach (var t in terminals) t.Stop();
        foreach (var t in terminals) t.Join(TimeSpan.FromSeconds(15));
        wall.Stop();
        var cpuUse = cpu.Since(terminals.Sum(t => t.ThreadCpuMs ?? 0), idle);
        var statements = o.PgStats ? await PgStatements.ReadAsync(world.BridgeDatabase) : null;
        stopFaults.Cancel();
        await printerTask;

        // Let the bridge finish what it has (expiries, refunds, print timeouts) before judging it.
        var settleUntil = DateTime.UtcNow + world.CodeLifetime + world.PrintTimeout + TimeSpan.FromSeconds(20);
        int open;
        while ((open = await InvariantChecker.OpenOrdersAsync(world.BridgeDatabase, CancellationToken.None)) > 0 && DateTime.UtcNow < settleUntil)
            await Task.Delay(250, CancellationToken.None);

        var records = terminals.SelectMany(t => t.Records).ToList();
        var invariants = await InvariantChecker.CheckAsync(world.BridgeDatabase, world.MunicipalDatabase, world.PrinterFolder, records, residentOfDevice, CancellationToken.None);
        var report = new LoadReport(o, wall.Elapsed, complete, records, invariants)
        {
            Failures = terminals.Where(t => t.Failure != null).Select(t => t.Name + ": " + t.Failure!.GetType().Name + ": " + t.Failure.Message).ToList(),
            Handshakes = terminals.Sum(t => t.Streams.Handshakes),
            Proxy = world.Proxy.Counts,
            Municipal = world.MunicipalFaults?.Counts,
            Printer = printerFaults?.Counts,
            Clerk = clerk.Counts,
            Barrier = gate.Counts,
            BarrierSpreadsMs = gate.ReleaseSpreadsMs(),
            Statements = statements is null ? null : (statements, DatabaseName(world.BridgeDatabase), DatabaseName(world.MunicipalDatabase)),
            Cpu = cpuUse,
            BridgeInProcess = !o.BridgeProcess,
        };
        foreach (var t in terminals)
        {
            foreach (var (call, values) in t.Latencies.Snapshot()) report.AddRequests(call, values);
            report.AddIssuances(t.PrintedIssuanceMs());
            t.Dispose();
        }
        return report;
    }
}
