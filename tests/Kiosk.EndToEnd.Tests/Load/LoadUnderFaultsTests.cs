using Kiosk.Load;
using Kiosk.Load.Harness;
using Kiosk.Load.Terminals;
using Kiosk.TestSupport;
using Xunit.Abstractions;

namespace Kiosk.EndToEnd.Tests.Load;

/// <summary>
/// The load and collision run of <c>kiosk-load</c>, small: 16 headless terminals (real core, own PN532 emulator and card, real
/// mutual TLS through the fault proxy) in 8 stores (two terminals per store, each store its own printer and print gate), against the real bridge on a real PostgreSQL and the reference municipality,
/// with faults on at the municipality, printer, payment and network and order POSTs released together in barrier rounds.
/// Asserts the invariants, never timing: every paper names the resident whose card authenticated its session, every paid
/// order is printed once or refunded, no order is left open, and no terminal's loop dies.
/// </summary>
public sealed class LoadUnderFaultsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sixteen_terminals_under_faults_print_only_their_own_residents_documents_and_settle_every_paid_order()
    {
        Assert.True(PostgresServer.Available, "PostgreSQL's initdb is not installed (scripts/install-deps.sh installs it).");
        int issuances = int.TryParse(Environment.GetEnvironmentVariable("KIOSK_LOAD_ISSUANCES"), out var n) && n > 0 ? n : 200;
        var options = new LoadOptions { Terminals = 16, Issuances = issuances, Faults = true, Seed = 11, Limit = TimeSpan.FromMinutes(3) };
        var log = new StringWriter();
        var report = await LoadRun.RunAsync(options, log, CancellationToken.None);
        output.WriteLine(log.ToString());
        output.WriteLine(report.ToMarkdown());

        Assert.True(report.Complete, "the run hit its time limit before the terminals finished");
        Assert.Empty(report.Failures);
        Assert.Equal(issuances, report.Records.Count);
        Assert.True(report.Printed > 0, "nothing was printed");
        Assert.True(report.Invariants.PapersChecked >= report.Printed);
        Assert.Equal(0, report.Invariants.WrongPersonPrints);
        Assert.Equal(0, report.Invariants.OrphanOrMisboundPapers);
        Assert.Equal(0, report.Invariants.UnreadablePapers);
        Assert.Equal(0, report.Invariants.NonFinalOrders);
        Assert.Equal(0, report.Invariants.PaidNeitherPrintedNorRefunded);
        Assert.Equal(0, report.Invariants.PrintCountMismatches);
        Assert.Equal(0, report.Invariants.PrintedUnpaid);
        Assert.Equal(0, report.Invariants.TerminalBridgeDisagreements);
        Assert.True(report.InvariantsHold);
        // Each terminal recovered from the faults by itself: every transaction ended and the next one started.
        Assert.All(report.Records.GroupBy(r => r.Terminal), g => Assert.Equal(Enumerable.Range(1, g.Count()), g.Select(r => r.Sequence).Order()));
        Assert.Contains(report.Records, r => r.Outcome != IssuanceOutcome.Printed);
        // The real core long-polled its orders through the faults (wait + known state), never falling back to plain polls.
        Assert.True(report.RequestCount("poll-wait") > 0, "no long poll was made");
        Assert.Equal(0, report.RequestCount("poll"));
    }
}
