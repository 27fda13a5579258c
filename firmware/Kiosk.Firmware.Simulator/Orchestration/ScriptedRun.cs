using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Simulator.Orchestration;

/// <summary>The outcome of an unattended transaction: the printed PDF, or the reason it failed.</summary>
public sealed record ScriptedResult(bool Ok, string? PdfPath, string Reason)
{
    /// <summary>A failure with its reason.</summary>
    public static ScriptedResult Fail(string reason) => new(false, null, reason);
}

/// <summary>--scripted: one whole transaction for a test resident, driven only through what a visitor has — the keypad, the
/// card on the reader and the store's register — while watching the terminal's state as the front panel shows it.</summary>
public static class ScriptedRun
{
    /// <summary>The product asked for: 住民票の写し.</summary>
    public const string Product = "juminhyo";

    /// <summary>Language picked on the language screen: English (index 2 in the core's catalogue order).</summary>
    public const int English = 2;

    /// <summary>Runs it; never reports success unless the PDF of this run's order came out of the printer.</summary>
    public static async Task<ScriptedResult> RunAsync(SimulatorHost host, string residentId, TextWriter log, CancellationToken ct, TimeSpan? limit = null)
    {
        var sim = host.Simulation;
        var missing = sim.Parts.MissingParts;
        if (missing.Count > 0)
            return ScriptedResult.Fail(string.Join("; ", missing.Select(m => m.Name + ": " + m.Detail)));
        var terminal = sim.Terminal;
        if (terminal == null) return ScriptedResult.Fail("the terminal core is not running");
        var resident = sim.Cards.Residents.FirstOrDefault(r => r.Id == residentId);
        if (resident == null)
            return ScriptedResult.Fail("there is no test resident '" + residentId + "'; known: " + string.Join(", ", sim.Cards.Residents.Select(r => r.Id)));
        if (resident.TestPin == null)
            return ScriptedResult.Fail("'" + residentId + "' is not a My Number Card (" + resident.Note + ")");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit ?? TimeSpan.FromSeconds(180));
        var driver = new Driver(sim, terminal, resident, host.Options, log);
        try
        {
            return await driver.RunAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ScriptedResult.Fail("timed out in state " + terminal.Snapshot.StateName + " (screen: " + OneLine(terminal.Snapshot.ScreenText) + ")");
        }
        catch (PartMissingException e)
        {
            return ScriptedResult.Fail(e.Message);
        }
        catch (InvalidOperationException e)
        {
            return ScriptedResult.Fail(e.Message);
        }
    }

    internal static string OneLine(string text) => string.Join(" / ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private sealed class Driver(Simulation sim, ITerminalView terminal, ResidentChoice resident, SimulatorOptions options, TextWriter log)
    {
        private readonly DateTime _started = DateTime.UtcNow;
        private bool _tapped, _pinTyped, _removed, _paid, _seenPayment;
        private string? _orderId;
        private string _lastLogged = "";

        public async Task<ScriptedResult> RunAsync(CancellationToken ct)
        {
            await WaitAsync(s => s.StateName != "Starting", ct);
            if (terminal.Snapshot.StateName != "Idle")
            {
                sim.Board.Keypad.Press(Key.Cancel); // someone left a session open: start from idle
                await WaitAsync(s => s.StateName == "Idle", ct);
            }
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var s = terminal.Snapshot;
                if (s.OrderId != null) _orderId = s.OrderId;
                if (s.StateName != _lastLogged)
                {
                    log.WriteLine("scripted: " + s.StateName + ": " + OneLine(s.ScreenText));
                    _lastLogged = s.StateName;
                }
                switch (s.StateName)
                {
                    case "Idle":
                        if (_tapped) return ScriptedResult.Fail("the session ended before anything was printed (screen: " + OneLine(s.ScreenText) + ")");
                        await PressAsync(Key.Enter, s, ct);
                        break;
                    case "Language":
                        if (s.ChoiceIndex != English) await PressAsync(s.ChoiceIndex < English ? Key.Down : Key.Up, s, ct);
                        else await PressAsync(Key.Enter, s, ct);
                        break;
                    case "PlaceCard":
                        if (!_tapped)
                        {
                            sim.Cards.Tap(resident.Id);
                            _tapped = true;
                        }
                        await ChangedAsync(s, ct);
                        break;
                    case "PinEntry":
                        if (_pinTyped)
                        {
                            await ChangedAsync(s, ct);
                            break;
                        }
                        _pinTyped = true;
                        foreach (char d in resident.TestPin!)
                        {
                            await PressAsync(Key.D0 + (d - '0'), terminal.Snapshot, ct);
                        }
                        await PressAsync(Key.Enter, terminal.Snapshot, ct);
                        break;
                    case "WrongPin":
                        return ScriptedResult.Fail("the card refused the profile's PIN (" + s.TriesLeft + " tries left)");
                    case "LastTryWarning":
                        // The profile's PIN is the right one, so the last try is safe to spend.
                        await PressAsync(Key.Enter, s, ct);
                        break;
                    case "Locked":
                        return ScriptedResult.Fail("the card is locked: " + (s.ErrorText ?? OneLine(s.ScreenText)));
                    case "RemoveCard":
                        if (!_removed)
                        {
                            sim.Cards.Remove();
                            _removed = true;
                        }
                        await ChangedAsync(s, ct);
                        break;
                    case "ChooseProduct":
                        int want = IndexOf(s.Products, Product);
                        if (want < 0) return ScriptedResult.Fail("住民票の写し (" + Product + ") is not offered; products: " + string.Join(", ", s.Products));
                        if (s.ChoiceIndex != want) await PressAsync(s.ChoiceIndex < want ? Key.Down : Key.Up, s, ct);
                        else await PressAsync(Key.Enter, s, ct);
                        break;
                    case "ProductNotice":
                        return ScriptedResult.Fail("住民票の写し cannot be issued: " + (s.ErrorText ?? OneLine(s.ScreenText)));
                    case "ChooseOptions":
                    case "ChooseMembers":
                    case "ChooseYear":
                    case "ChooseCopies":
                    case "Confirm":
                        await PressAsync(Key.Enter, s, ct);
                        break;
                    case "Payment":
                        _seenPayment = true;
                        if (options.Payment == "register" && !_paid && s.PaymentCode != null)
                        {
                            log.WriteLine("scripted: the register confirms payment code " + s.PaymentCode);
                            await sim.Register.ConfirmAsync(ct);
                            _paid = true;
                        }
                        await ChangedAsync(s, ct);
                        break;
                    case "TakeDocuments":
                        string? pdf = FindPdf();
                        await PressAsync(Key.Enter, s, ct);
                        await WaitAsync(x => x.StateName == "Idle", ct);
                        if (options.IppPrinterUrl != null)
                            return new ScriptedResult(true, options.IppPrinterUrl, "order " + _orderId + " printed on " + options.IppPrinterUrl);
                        if (pdf == null) return ScriptedResult.Fail("the terminal says the documents are printed, but no PDF for order " + (_orderId ?? "(unknown)") + " is in " + sim.Printed.Folder);
                        return new ScriptedResult(true, pdf, "printed");
                    case "Notice":
                        return ScriptedResult.Fail((s.ErrorText ?? OneLine(s.ScreenText)) + (s.ErrorKey != null ? " [" + s.ErrorKey + "]" : "")
                            + (_seenPayment ? " (after payment)" : ""));
                    default:
                        await ChangedAsync(s, ct); // reading, authenticating, printing: the core works
                        break;
                }
            }
        }

        private string? FindPdf()
        {
            var docs = sim.Printed.List().Where(d => d.PrintedUtc >= _started.AddSeconds(-2)).ToList();
            var mine = _orderId == null ? null : docs.FirstOrDefault(d => Path.GetFileNameWithoutExtension(d.FileName).Contains(_orderId, StringComparison.Ordinal));
            var doc = mine ?? (docs.Count == 1 ? docs[0] : null);
            if (doc == null) return null;
            using var f = File.OpenRead(doc.FullPath);
            var head = new byte[5];
            return f.Read(head, 0, 5) == 5 && head.AsSpan().SequenceEqual("%PDF-"u8) ? doc.FullPath : null;
        }

        private static int IndexOf(IReadOnlyList<string> list, string code)
        {
            for (int i = 0; i < list.Count; i++) if (list[i] == code) return i;
            return -1;
        }

        private async Task PressAsync(Key key, TerminalSnapshot before, CancellationToken ct)
        {
            if (!sim.Board.Keypad.Press(key)) throw new InvalidOperationException("the terminal stopped reading keys");
            await ChangedAsync(before, ct);
        }

        // Waits until the terminal shows something new (a frame, a state), or a short while when nothing changes.
        private async Task ChangedAsync(TerminalSnapshot before, CancellationToken ct)
        {
            var until = DateTime.UtcNow.AddSeconds(2);
            while (DateTime.UtcNow < until)
            {
                var now = terminal.Snapshot;
                if (now.FrameVersion != before.FrameVersion || now.StateName != before.StateName) return;
                await Task.Delay(20, ct);
            }
        }

        private async Task WaitAsync(Func<TerminalSnapshot, bool> done, CancellationToken ct)
        {
            while (!done(terminal.Snapshot)) await Task.Delay(20, ct);
        }
    }
}
