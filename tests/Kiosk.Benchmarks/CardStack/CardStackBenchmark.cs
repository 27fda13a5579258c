using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kiosk.Firmware.Core.Card;
using Kiosk.Firmware.Core.Card.Apdu;
using Kiosk.Firmware.Core.Card.Jpki;
using Kiosk.Firmware.Core.Card.Pn532;
using Kiosk.Firmware.Core.Hardware;
using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Links;
using Kiosk.Hardware.Emulator.Pn532;

namespace Kiosk.Benchmarks.CardStack;

/// <summary>
/// detect → read auth cert → tries → verify → sign, through the core's PN532 driver and JPKI client against the PN532
/// emulator: APDUs, bytes on the UART and on air, modeled time vs. the physical minimum of the same APDUs, allocations,
/// and (with pcscd) the same operation by OpenSC, APDU counts side by side.
/// </summary>
internal static class CardStackBenchmark
{
    private const string Profile = "tanaka-hanako";
    private static readonly byte[] Pin = "1234"u8.ToArray();
    private static readonly byte[] Challenge = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();

    public static int Run(string[] args)
    {
        string? markdownPath = null;
        bool opensc = true;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--markdown" && i + 1 < args.Length)
            {
                markdownPath = args[++i];
            }
            else if (args[i] == "--no-opensc")
            {
                opensc = false;
            }
        }

        var report = new StringBuilder();
        var stages = MeasureStages(out byte[][] replies, out StageRow boot);
        long allocated = MeasureAllocations(replies);
        long perFrame = MeasureSteadyStateFrame();
        WriteStageTable(report, stages, boot);
        report.AppendLine();
        report.AppendLine("Allocations (host build, `GC.GetAllocatedBytesForCurrentThread`, replayed UART bytes so only the core is counted):");
        report.AppendLine();
        report.AppendLine("| What | Bytes |");
        report.AppendLine("|---|---:|");
        report.AppendLine("| One whole card session (Open → Release, steady state) | " + allocated.ToString("N0", CultureInfo.InvariantCulture) + " |");
        report.AppendLine("| One PN532 InDataExchange frame round trip in steady state | " + perFrame + " |");
        report.AppendLine();
        report.AppendLine("The session's allocations are its results: the certificate DER, the 256-byte signature and the small `CardResult` objects; driver, APDU channel and SHA-256 run in preallocated buffers.");
        if (opensc)
        {
            report.AppendLine();
            OpenScComparison.Write(report);
        }

        Console.WriteLine(report.ToString());
        if (markdownPath is not null)
        {
            File.WriteAllText(markdownPath, report.ToString());
        }

        return 0;
    }

    internal sealed record StageRow(string Name, int Apdus, long ApduOut, long ApduIn, long UartOut, long UartIn, long AirBytes, TimeSpan Modeled, TimeSpan Minimum);

    private static List<StageRow> MeasureStages(out byte[][] replies, out StageRow boot)
    {
        using var link = new InMemoryLink();
        using var host = new Pn532Host(link.DeviceEnd);
        var card = VirtualMyNumberCard.ForProfile(Profile);
        host.Emulator.PlaceCard(card);
        var recorder = new RecordingStream(link.HostEnd);
        var pn532 = new Pn532(recorder, new StopwatchClock(), new Pn532Timeouts());
        var transport = new Pn532CardTransport(pn532);
        var counting = new CountingTransport(transport, host.Emulator.Timing);
        var jpki = new JpkiCard(counting);
        var rows = new List<StageRow>();
        var meter = new Meter(pn532, counting, host.Emulator);

        // Session 1 includes the reader's boot (SAMConfiguration, firmware version, retries, RF cycle): reported apart.
        meter.Start();
        RunSession(jpki, meter, null);
        boot = meter.Stop("first session, including PN532 boot");
        RunSession(jpki, meter, rows);
        replies = recorder.Replies;
        return rows;
    }

    private static void RunSession(JpkiCard jpki, Meter meter, List<StageRow>? rows)
    {
        meter.Start();
        Check(jpki.Open(), "open");
        meter.Mark(rows, "detect + SELECT JPKI AP", PhysicalMinimum.Detect(meter.Timing));
        Check(jpki.ReadAuthCertificate(), "read certificate");
        meter.Mark(rows, "read auth certificate", null);
        Check(jpki.QueryPinTriesLeft(), "tries");
        meter.Mark(rows, "PIN tries left", null);
        Check(jpki.VerifyPin(Pin, 0, Pin.Length), "verify");
        meter.Mark(rows, "VERIFY", null);
        Check(jpki.SignChallenge(Challenge, 0, Challenge.Length), "sign");
        meter.Mark(rows, "COMPUTE DIGITAL SIGNATURE", null);
        jpki.Release();
        meter.Mark(rows, "release", PhysicalMinimum.Release(meter.Timing));
        rows?.Add(meter.Total());
    }

    private static void Check(CardResult result, string what)
    {
        if (!result.IsOk)
        {
            throw new InvalidOperationException(what + " failed: " + result.Status);
        }
    }

    private static long MeasureAllocations(byte[][] replies)
    {
        var pn532 = new Pn532(new ReplayStream(replies), new StopwatchClock(), new Pn532Timeouts());
        var jpki = new JpkiCard(new Pn532CardTransport(pn532));
        RunQuiet(jpki);
        long before = GC.GetAllocatedBytesForCurrentThread();
        RunQuiet(jpki);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void RunQuiet(JpkiCard jpki)
    {
        Check(jpki.Open(), "open");
        Check(jpki.ReadAuthCertificate(), "read");
        Check(jpki.QueryPinTriesLeft(), "tries");
        Check(jpki.VerifyPin(Pin, 0, Pin.Length), "verify");
        Check(jpki.SignChallenge(Challenge, 0, Challenge.Length), "sign");
        jpki.Release();
    }

    private static long MeasureSteadyStateFrame()
    {
        byte[] answer = new byte[300];
        byte[] apdu = { 0x00, 0xB0, 0x00, 0x00, 0x00 };
        byte[] body = new byte[1 + 1 + 1 + 258];
        body[0] = 0x41;
        body[^2] = 0x90;
        byte[] frame = new byte[body.Length + Pn532Frame.MaxOverhead];
        int n = Pn532Frame.Encode(frame, 0, Pn532Frame.Pn532ToHost, body, 0, body.Length);
        byte[] reply = new byte[6 + n];
        Pn532Frame.EncodeAck(reply, 0);
        Array.Copy(frame, 0, reply, 6, n);
        var replies = Enumerable.Repeat(reply, 200).ToArray();
        var pn532 = new Pn532(new ReplayStream(replies), new StopwatchClock(), new Pn532Timeouts());
        pn532.DataExchange(1, apdu, 0, 5, answer, 0, answer.Length, out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            pn532.DataExchange(1, apdu, 0, 5, answer, 0, answer.Length, out _);
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
    }

    private static void WriteStageTable(StringBuilder report, List<StageRow> rows, StageRow boot)
    {
        report.AppendLine("Session detect → read auth certificate → tries → VERIFY → sign against the PN532 emulator (`" + Profile + "`, RSA-2048), steady state (reader already booted).");
        report.AppendLine("Modeled time = the emulator's timing model (UART 115200 8N1, 106 kbps Type B with 5 bytes of framing per block, PN532 1 ms per command, card 3 ms simple / 30 ms VERIFY / 350 ms RSA).");
        report.AppendLine("Physical minimum = the same APDUs, each in exactly one InDataExchange command frame + ACK + one answer frame, with the same air, PN532 and card times (no retries, no chaining, no extra commands).");
        report.AppendLine();
        report.AppendLine("| Stage | APDUs | C-APDU bytes | R-APDU bytes | UART host→PN532 | UART PN532→host | Air bytes | Modeled ms | Minimum ms | Ratio |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (StageRow row in rows)
        {
            report.AppendLine(Format(row));
        }

        report.AppendLine();
        report.AppendLine("Reader boot once per power-up (not per session): " + Format(boot).TrimStart('|').Split('|')[0].Trim() + " — "
            + boot.UartOut + " bytes to and " + boot.UartIn + " bytes from the PN532, modeled " + Ms(boot.Modeled) + " ms for the first whole session.");
    }

    private static string Format(StageRow r)
    {
        double ratio = r.Minimum.Ticks > 0 ? (double)r.Modeled.Ticks / r.Minimum.Ticks : 0;
        return "| " + r.Name + " | " + r.Apdus + " | " + r.ApduOut + " | " + r.ApduIn + " | " + r.UartOut + " | " + r.UartIn + " | " + r.AirBytes
            + " | " + Ms(r.Modeled) + " | " + Ms(r.Minimum) + " | " + ratio.ToString("0.00", CultureInfo.InvariantCulture) + "× |";
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>Snapshots driver, APDU and emulator counters between stages.</summary>
    private sealed class Meter
    {
        private readonly Pn532 _pn532;
        private readonly CountingTransport _apdus;
        private readonly Pn532Emulator _emulator;
        private Snapshot _stageStart;
        private Snapshot _sessionStart;
        private TimeSpan _minimumTotal;

        public Meter(Pn532 pn532, CountingTransport apdus, Pn532Emulator emulator)
        {
            _pn532 = pn532;
            _apdus = apdus;
            _emulator = emulator;
        }

        public Pn532Timing Timing => _emulator.Timing;

        public void Start()
        {
            _stageStart = _sessionStart = Take();
            _minimumTotal = TimeSpan.Zero;
            _apdus.ResetMinimum();
        }

        public void Mark(List<StageRow>? rows, string name, TimeSpan? fixedMinimum)
        {
            Snapshot now = Take();
            TimeSpan minimum = _apdus.TakeMinimum() + (fixedMinimum ?? TimeSpan.Zero);
            _minimumTotal += minimum;
            rows?.Add(Row(name, _stageStart, now, minimum));
            _stageStart = now;
        }

        public StageRow Stop(string name)
        {
            Snapshot now = Take();
            return Row(name, _sessionStart, now, _minimumTotal + _apdus.TakeMinimum());
        }

        public StageRow Total() => Row("**whole session**", _sessionStart, Take(), _minimumTotal);

        private static StageRow Row(string name, Snapshot a, Snapshot b, TimeSpan minimum) => new(
            name, b.Apdus - a.Apdus, b.ApduOut - a.ApduOut, b.ApduIn - a.ApduIn, b.UartOut - a.UartOut, b.UartIn - a.UartIn,
            b.Air - a.Air, b.Modeled - a.Modeled, minimum);

        private Snapshot Take()
        {
            // The emulator models time when it handles bytes on its own thread: let it drain first.
            Thread.Sleep(20);
            return new Snapshot(_apdus.Count, _apdus.BytesOut, _apdus.BytesIn, _pn532.BytesWritten, _pn532.BytesRead, _apdus.AirBytes, _emulator.ModeledTime);
        }

        private readonly record struct Snapshot(int Apdus, long ApduOut, long ApduIn, long UartOut, long UartIn, long Air, TimeSpan Modeled);
    }

    private sealed class StopwatchClock : IClock
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();

        public long MonotonicMs => _watch.ElapsedMilliseconds;

        public DateTime UtcNow => DateTime.UtcNow;
    }
}
