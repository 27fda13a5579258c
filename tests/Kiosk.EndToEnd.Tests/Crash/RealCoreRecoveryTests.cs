using System.Collections.Concurrent;
using Kiosk.Hardware.Emulator.Card;
using Kiosk.Load.Terminals;
using Xunit.Abstractions;

namespace Kiosk.EndToEnd.Tests.Crash;

/// <summary>
/// "Terminals recover by themselves", with the real thing: headless terminals running the portable core (own PN532
/// emulator and virtual My Number Card, PIN typed on a scripted keypad, real mutual TLS) against the bridge process,
/// which is SIGKILLed at seeded random moments. Nobody resets a terminal: each must come back to idle and print again
/// on its own. Also covers the folder printer's memory across bridge restarts (its sidecars).
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class RealCoreRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Real_core_terminals_print_again_by_themselves_after_bridge_sigkills()
    {
        var seed = CrashRun.EnvInt("KIOSK_CRASH_SEED", 20261122) + 3;
        var faults = CrashRun.EnvInt("KIOSK_CRASH_FAULTS", CrashRun.Long ? 20 : 2);
        var random = new Random(seed);
        await using var rig = await CrashRig.StartAsync(new CrashRigOptions(Terminals: 3, RealCore: true, FolderPrinter: true));
        using var pos = new HttpClient { BaseAddress = rig.Bridge.OpsUri, Timeout = TimeSpan.FromSeconds(5) };
        var records = new ConcurrentBag<IssuanceRecord>();
        var terminals = rig.Terminals.Select((t, i) =>
        {
            var profile = rig.EmulatorPki!.Profiles.Get(CrashRig.EmulatorResidents[i]);
            return new HeadlessTerminal(new HeadlessTerminalOptions
            {
                Name = "crash-term-" + i,
                Port = rig.Bridge.KioskPort,
                DeviceCertificate = t.Device,
                FleetCa = rig.Pki.FleetCa,
                Card = VirtualMyNumberCard.Create(profile, rig.EmulatorPki),
                Pin = profile.AuthPin!,
                PaymentShown = due => _ = Task.Run(() => StorePos.ConfirmAsync(pos, due.PaymentCode)),
                Completed = records.Add,
            });
        }).ToList();
        try
        {
            foreach (var t in terminals) t.Start();
            for (var i = 0; i < faults; i++)
            {
                await Task.Delay(800 + random.Next(2500));
                rig.Bridge.Kill();
                await Task.Delay(random.Next(400));
                await rig.Bridge.StartAsync();
                output.WriteLine("fault " + (i + 1) + "/" + faults);
            }
            var lastFault = DateTime.UtcNow;
            var until = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < until && terminals.Any(t => PrintedSince(records, t.Name, lastFault) < 2)) await Task.Delay(250);
            var after = terminals.Select(t => PrintedSince(records, t.Name, lastFault)).ToArray();
            foreach (var t in terminals) t.Stop();
            foreach (var t in terminals) Assert.True(t.Join(TimeSpan.FromSeconds(30)), t.Name + " did not stop");

            var settleUntil = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < settleUntil && await CrashLedger.UnsettledAsync(rig) != 0) await Task.Delay(250);
            var ledger = await CrashLedger.ReadAsync(rig);
            var seen = records.Where(r => r.OrderId is not null && r.Outcome is IssuanceOutcome.Printed or IssuanceOutcome.OrderEnded)
                .Select(r => new TerminalOrder(0, r.OrderId!, r.StartedUtc, r.LastOrderState, null));
            var violations = ledger.Violations(seen);
            var (exit, audit) = await rig.Bridge.RunCommandAsync("verify-audit");
            var outcomes = string.Join(", ", records.GroupBy(r => r.Outcome).OrderBy(g => g.Key).Select(g => g.Key + " " + g.Count()));
            output.WriteLine("crash real-core: seed " + seed + ", " + faults + " bridge SIGKILLs, " + terminals.Count + " headless terminals; "
                + ledger.Summary() + "; terminal transactions: " + outcomes + "; printed per terminal after the last fault ["
                + string.Join(",", after) + "]; recovery rules fired: "
                + string.Join(", ", (await CrashLedger.RecoveriesAsync(rig)).Select(k => k.Key + " " + k.Value)) + "; violations "
                + violations.Count + "; " + audit.Trim());
            foreach (var v in violations) output.WriteLine("VIOLATION " + v);

            Assert.Empty(violations);
            Assert.Equal(0, exit);
            Assert.All(terminals, t => Assert.Null(t.Failure));
            Assert.All(after, n => Assert.True(n >= 2, "a terminal did not print twice after the last fault: [" + string.Join(",", after) + "]"));
            Assert.Equal(faults, rig.Bridge.Kills);
        }
        finally
        {
            foreach (var t in terminals) t.Dispose();
        }
    }

    private static int PrintedSince(IEnumerable<IssuanceRecord> records, string terminal, DateTime since) =>
        records.Count(r => r.Terminal == terminal && r.Printed && r.StartedUtc >= since);
}
