#if HAS_TERMINAL && HAS_CARD_STACK
using Kiosk.Firmware.Core.Bridge;
using Kiosk.Firmware.Core.Card.Jpki;
using Kiosk.Firmware.Core.Card.Pn532;
using Kiosk.Firmware.Core.Hardware;
using Kiosk.Firmware.Core.Session;
using Kiosk.Firmware.Core.Ui.Messages;
using Kiosk.Firmware.Simulator.Board;
using Kiosk.Firmware.Simulator.Orchestration;

namespace Kiosk.Firmware.Simulator.Wiring;

/// <summary>The portable core on the simulated board: PN532 driver → JPKI client, bridge link over the TLS stream, and the
/// session state machine, run on its own thread as the board's main loop. Others read it only through <see cref="Snapshot"/>.</summary>
internal sealed class TerminalPart : ITerminalView, IAsyncDisposable
{
    private readonly SimulatedBoard _board;
    private readonly SessionMachine _machine;
    private readonly Thread _thread;
    private readonly TextWriter _log;
    private volatile bool _stop;
    private volatile TerminalSnapshot _snapshot = TerminalSnapshot.Starting;
    private long _shownVersion = -1;

    public TerminalPart(SimulatedBoard board, IByteStream readerLink, IStreamFactory bridgeStreams, TextWriter log, SessionConfig? config = null)
    {
        _board = board;
        _log = log;
        var pn532 = new Pn532(readerLink, board.Clock, new Pn532Timeouts());
        var card = new JpkiCard(new Pn532CardTransport(pn532));
        Link = new BridgeLink(bridgeStreams, board.Clock, "localhost");
        var bridge = new BridgeClient(Link);
        _machine = new SessionMachine(new SessionTable(), config ?? new SessionConfig(), card, bridge, board.Clock, board.Random, board.Display, new Log(log));
        _thread = new Thread(Loop) { IsBackground = true, Name = "terminal main loop" };
    }

    /// <inheritdoc />
    public TerminalSnapshot Snapshot => _snapshot;

    /// <summary>The board's one link to the bridge (shared by the session and <see cref="IdleWork"/>).</summary>
    public BridgeLink Link { get; }

    /// <summary>Called on the main loop's thread after each step while the session is idle (set before <see cref="Start"/>).</summary>
    public Action? IdleWork { get; set; }

    /// <summary>What the core's heartbeats report (set the versions before <see cref="Start"/>).</summary>
    public HeartbeatInfo HeartbeatInfo => _machine.HeartbeatInfo;

    /// <summary>Starts the main loop.</summary>
    public void Start() => _thread.Start();

    private void Loop()
    {
        while (!_stop)
        {
            try
            {
                _machine.Start();
                Publish();
                while (!_stop)
                {
                    _machine.RunOnce(_board.Keypad, 50);
                    // Work that shares the one bridge connection (certificate renewal) runs here, between steps, while idle.
                    if (_machine.State == SessionState.Idle) IdleWork?.Invoke();
                    Publish();
                }
            }
            catch (Exception e)
            {
                // The board's supervisor would reboot; here the loop starts over from idle and says why.
                _log.WriteLine("terminal: main loop failed, restarting: " + e.GetType().Name + ": " + e.Message);
                _board.Indicators.SetLed("error");
                Thread.Sleep(1000);
            }
        }
    }

    private void Publish()
    {
        long v = _board.Display.Version;
        var s = _machine.State;
        var c = _machine.Context;
        string name = s.ToString();
        if (v == _shownVersion && name == _snapshot.StateName && c.PaymentCode == _snapshot.PaymentCode) return;
        _shownVersion = v;
        string[] products = new string[c.Products.Length];
        for (int i = 0; i < products.Length; i++) products[i] = c.Products[i].Code;
        var previous = _snapshot;
        _snapshot = new TerminalSnapshot(
            name, _machine.Screen.Describe(), c.Language, Catalog.LanguageTag(c.Language), c.ChoiceIndex, products,
            c.PaymentCode, c.OrderId, c.TriesLeft,
            c.ErrorId >= 0 ? Catalog.Key(c.ErrorId) : null,
            c.ErrorId >= 0 ? Catalog.Text(Language.En, c.ErrorId) : null,
            v);
        _board.Indicators.SetLed(s switch
        {
            SessionState.Idle => "ready",
            SessionState.Notice or SessionState.Locked or SessionState.ProductNotice => "error",
            _ => "busy",
        });
        if (name != previous.StateName && (s is SessionState.RemoveCard or SessionState.TakeDocuments or SessionState.Locked or SessionState.Notice or SessionState.LastTryWarning))
            _board.Indicators.Beep();
    }

    public ValueTask DisposeAsync()
    {
        _stop = true;
        _thread.Join(TimeSpan.FromSeconds(3));
        return ValueTask.CompletedTask;
    }

    private sealed class Log(TextWriter w) : ISessionLog
    {
        public void Write(string line) => w.WriteLine(line);
    }
}
#endif
