using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Kiosk.HostBridge.Devices;
using Kiosk.HostBridge.Privacy;
using Kiosk.HostBridge.Tests.Support;
using Kiosk.TestSupport;
using Xunit.Abstractions;

namespace Kiosk.EndToEnd.Tests.Load;

/// <summary>
/// B7 at the bridge: N terminals (own enrolled device certificates, own cards, real mutual TLS) authenticate, then place
/// orders released by one barrier, against one bridge on PostgreSQL with a slowed municipality. Every printed paper must
/// belong to the card that authenticated its session; every order ends printed exactly once or without paper.
/// </summary>
public sealed class BridgeCollisionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Terminals = 12;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kiosk-collide-" + Guid.NewGuid().ToString("N")[..10]);
    private BridgeInstance _bridge = null!;

    public async Task InitializeAsync()
    {
        var db = DatabaseChoice.Postgres(PostgresServer.Shared.CreateDatabase("collide"));
        _bridge = await BridgeInstance.StartAsync(TestPki.Shared, _folder, db, BridgeInstance.NewDeploymentKey());
    }

    public async Task DisposeAsync()
    {
        await _bridge.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed record Terminal(int Index, HttpClient Client, TestCard Card, string ResidentId);

    [Fact]
    public async Task Orders_colliding_in_the_same_millisecond_each_print_their_own_residents_document_once()
    {
        var pki = TestPki.Shared;
        var registry = _bridge.Get<DeviceRegistry>();
        var terminals = new List<Terminal>();
        for (var i = 0; i < Terminals; i++)
        {
            var now = DateTimeOffset.UtcNow;
            var device = HostBridge.DevPki.FleetCertificates.IssueDevice(pki.FleetCa, "term-c" + i, now.AddDays(-1), now.AddYears(1));
            // All on one store of one municipality: the collision the 2023 Kawasaki and Takamatsu incidents had.
            await registry.EnrollAsync("term-c" + i, "store-1", device.SerialNumber, device.NotAfter.ToUniversalTime(), CancellationToken.None);
            var card = TestPki.IssueCard(pki.JpkiCa, now.AddDays(-1), now.AddYears(1));
            _bridge.Issuance.AddResident(card, "resident-c" + i);
            terminals.Add(new Terminal(i, _bridge.Client(device), card, "resident-c" + i));
        }
        await _bridge.Get<DeviceTrustCache>().RefreshAsync(CancellationToken.None);

        var placed = new List<(Terminal Terminal, string SessionId, string OrderId, TimeSpan Latency)>();
        var finals = new List<WireResponse>();
        var total = Stopwatch.StartNew();
        TimeSpan[] delays = [TimeSpan.Zero, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(40)];
        foreach (var delay in delays)
        {
            _bridge.Issuance.IssueDelay = delay;
            var sessions = await Task.WhenAll(terminals.Select(t => Wire.OpenAuthenticatedAsync(t.Client, t.Card)));
            using var barrier = new Barrier(Terminals);
            var round = await Task.WhenAll(terminals.Select(t => Task.Run(async () =>
            {
                barrier.SignalAndWait();
                var sw = Stopwatch.StartNew();
                var r = await Wire.OrderAsync(t.Client, sessions[t.Index], Guid.NewGuid().ToString());
                sw.Stop();
                Assert.True(r.Status == HttpStatusCode.Created, r.Text);
                return (t, sessions[t.Index], r.Str("orderId"), sw.Elapsed);
            })));
            placed.AddRange(round);
            // The next round opens new sessions on the same terminals, which would supersede (and cancel) these orders.
            finals.AddRange(await Task.WhenAll(round.Select(p => Wire.WaitForFinalAsync(p.Item1.Client, p.Item3, TimeSpan.FromSeconds(60)))));
        }
        total.Stop();

        var hasher = _bridge.Get<SerialHasher>();
        var issued = _bridge.Issuance.Issued.ToDictionary(r => "doc-" + r.RequestId);
        // Paper = a job the printer completed; a submitted job that was cancelled left none.
        var jobs = _bridge.Printer.Jobs.Where(j => _bridge.Printer.States[j.Key] == HostBridge.Printing.PrintJobState.Completed).Select(j => j.Value).ToList();
        int printed = 0, wrongPerson = 0, noPaper = 0;
        for (var i = 0; i < placed.Count; i++)
        {
            var (terminal, sessionId, orderId, _) = placed[i];
            var state = finals[i].Str("state");
            var papers = jobs.Where(j => j.OrderId == orderId).ToList();
            if (state == "printed")
            {
                printed++;
                var job = Assert.Single(papers);
                Assert.Equal(sessionId, job.SessionId);
                if (job.SerialHash != hasher.Hash(terminal.Card.SerialHex) || issued[job.DocumentId].Resident.ResidentId != terminal.ResidentId) wrongPerson++;
            }
            else
            {
                Assert.True(state is "failed" or "cancelled" or "refunded", orderId + " ended " + finals[i].Text);
                Assert.Empty(papers);
                noPaper++;
            }
        }
        Assert.Equal(0, wrongPerson);
        Assert.Equal(placed.Count, printed + noPaper);
        Assert.True(printed > 0);
        Assert.Equal(printed, jobs.Count);

        var latencies = placed.Select(p => p.Latency.TotalMilliseconds).Order().ToList();
        output.WriteLine("collision: " + placed.Count + " orders from " + Terminals + " terminals in " + delays.Length + " barrier rounds; printed " + printed
            + ", ended without paper " + noPaper + ", wrong-person prints " + wrongPerson + "; " + (printed / total.Elapsed.TotalSeconds).ToString("F1")
            + " issuances/s end to end; order POST p50 " + latencies[latencies.Count / 2].ToString("F0") + " ms, p99 "
            + latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1].ToString("F0") + " ms");
    }
}
