using System.Collections.Concurrent;
using System.Diagnostics;
using Kiosk.Firmware.Core.Bridge;
using Kiosk.Firmware.Core.Card.Jpki;
using Kiosk.Firmware.Core.Card.Pn532;
using Kiosk.Firmware.Core.Hardware;
using Kiosk.Firmware.Core.Session;
using Kiosk.Firmware.Core.Ui.Messages;
using Kiosk.Hardware.Emulator.Links;
using Kiosk.Hardware.Emulator.Pn532;

namespace Kiosk.Load.Terminals;

/// <summary>A terminal with no screen: the real portable core (PN532 driver over an in-memory UART to its own PN532 emulator
/// and virtual card, JPKI client, session machine, bridge client over real mutual TLS) on its own thread, driven by a scripted
/// resident who runs whole transactions in a loop. It recovers by itself: whatever the bridge does, the core shows an error
/// or times out and returns to idle, and the resident starts the next transaction.</summary>
public sealed class HeadlessTerminal : IDisposable
{
    private readonly HeadlessTerminalOptions _o;
    private readonly InMemoryLink _link = new();
    private readonly Pn532Host _reader;
    private readonly ScriptedKeypad _keys = new();
    private readonly RecordingBridge _bridge;
    private readonly SessionMachine _machine;
    private readonly StopwatchClock _clock = new();
    private readonly Thread _thread;
    private readonly ConcurrentQueue<IssuanceRecord> _records = new();
    private readonly List<double> _issuanceMs = new();
    private volatile bool _stop;
    private volatile Exception? _failure;
    private int _completed;

    // The scripted resident's progress through the current transaction (terminal thread only).
    private bool _inTransaction, _cardOn, _pinTyped, _cardTaken, _confirmed, _paymentShown, _sawTakeDocuments, _timedOut;
    private SessionState _lastState = SessionState.Idle;
    private string? _noticeKey;
    private long _startedTicks;
    private DateTime _startedUtc;
    private int _sequence;

    /// <summary>Builds the terminal (nothing runs until <see cref="Start"/>).</summary>
    public HeadlessTerminal(HeadlessTerminalOptions options)
    {
        _o = options;
        _reader = new Pn532Host(_link.DeviceEnd);
        Streams = new MutualTlsStreams(options.Host, options.Port, options.DeviceCertificate, options.FleetCa) { TimeoutMs = options.IoTimeoutMs };
        var pn532 = new Pn532(_link.HostEnd, _clock, new Pn532Timeouts());
        var card = new JpkiCard(new Pn532CardTransport(pn532));
        _bridge = new RecordingBridge(new BridgeClient(new BridgeLink(Streams, _clock, "localhost")), Latencies);
        _machine = new SessionMachine(new SessionTable(), options.Timings, card, _bridge, _clock, new OsRandom(), null, new CoreLog(this));
        _thread = new Thread(Loop) { IsBackground = true, Name = "terminal " + options.Name };
    }

    /// <summary>Timings for load: fast ticks and order polls, short screens, so the terminal never sleeps needlessly; the
    /// payment and printing waits stay longer than the bridge's own expiry and print timeouts, so the bridge decides.</summary>
    public static SessionConfig FastTimings() => new()
    {
        TickMs = 5,
        OrderPollMs = 20,
        // Long polls: the terminal's thread sleeps in the bridge request until the order changes instead of waking every tick.
        OrderWaitMs = 1000,
        OrderPollMisses = 5,
        PinFirstDigitMs = 10_000,
        PinNextDigitMs = 10_000,
        ChoiceMs = 10_000,
        WorkMs = 30_000,
        PaymentMs = 60_000,
        PrintingMs = 60_000,
        NoticeMs = 5_000,
        HeartbeatMs = 30_000,
    };

    /// <summary>The terminal's name.</summary>
    public string Name => _o.Name;

    /// <summary>The resident whose card this terminal's resident carries.</summary>
    public string ResidentId => _o.Card.Profile.Id;

    /// <summary>The TLS connection factory (handshake count).</summary>
    public MutualTlsStreams Streams { get; }

    /// <summary>Per-call bridge latencies measured at the terminal.</summary>
    public LatencyLog Latencies { get; } = new();

    /// <summary>Transactions finished so far.</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <summary>The core's current screen state.</summary>
    public SessionState State => _machine.State;

    /// <summary>Why the main loop stopped with an exception (null while healthy).</summary>
    public Exception? Failure => _failure;

    /// <summary>CPU time (user + system, ms) the terminal's own thread used, known once its loop ended (null before, or off Linux).
    /// The card's work runs on its PN532 emulator's thread ("pn532-emulator"), counted apart.</summary>
    public double? ThreadCpuMs { get; private set; }

    /// <summary>True while the main loop's thread runs.</summary>
    public bool IsRunning => _thread.IsAlive;

    /// <summary>The transactions finished so far, in order.</summary>
    public IReadOnlyList<IssuanceRecord> Records => _records.ToArray();

    /// <summary>Whole-transaction latencies (tap of Enter on idle to back on idle) of printed transactions, in ms.</summary>
    public double[] PrintedIssuanceMs()
    {
        lock (_issuanceMs) return _issuanceMs.ToArray();
    }

    /// <summary>Starts the main loop on its own thread.</summary>
    public void Start() => _thread.Start();

    /// <summary>Asks the loop to stop after the current step (a transaction in progress is abandoned; the bridge sees it as
    /// a terminal that went quiet).</summary>
    public void Stop() => _stop = true;

    /// <summary>Waits for the loop to end (after <see cref="Stop"/> or <see cref="HeadlessTerminalOptions.MaxTransactions"/>).</summary>
    public bool Join(TimeSpan timeout) => _thread.Join(timeout);

    /// <summary>Stops the loop and releases the reader.</summary>
    public void Dispose()
    {
        _stop = true;
        _thread.Join(TimeSpan.FromSeconds(10));
        _link.Dispose();
        _reader.Dispose();
    }

    private void Loop()
    {
        try
        {
            _machine.Start();
            while (!_stop)
            {
                if (_o.MaxTransactions > 0 && Completed >= _o.MaxTransactions && !_inTransaction) break;
                Step();
                // Keys queued by Step are read at once; otherwise the wait paces the core's ticks.
                _machine.RunOnce(_keys, _keys.Pending > 0 ? 0 : _o.Timings.TickMs);
            }
        }
        catch (Exception e)
        {
            // The core turns every bridge and card failure into a screen; an exception here is a defect worth reporting.
            _failure = e;
        }
        finally
        {
            ThreadCpuMs = ProcCpu.CurrentThreadMs();
        }
    }

    // The scripted resident: looks at the screen and does what a resident would do next.
    private void Step()
    {
        var state = _machine.State;
        var ctx = _machine.Context;
        if (state != _lastState)
        {
            if (state == SessionState.Notice || state == SessionState.Locked || state == SessionState.ProductNotice)
                _noticeKey = ctx.ErrorId >= 0 ? Catalog.Key(ctx.ErrorId) : state.ToString();
            if (state == SessionState.TakeDocuments) _sawTakeDocuments = true;
        }
        if (state == SessionState.Idle && _inTransaction && _lastState != SessionState.Idle) Finish();
        _lastState = state;
        switch (state)
        {
            case SessionState.Idle:
                if (!_inTransaction && !_stop && (_o.MaxTransactions == 0 || Completed < _o.MaxTransactions)) Begin();
                break;
            case SessionState.Language:
                if (_keys.Pending > 0) break;
                _keys.Press(ctx.ChoiceIndex == _o.Language ? Key.Enter : ctx.ChoiceIndex < _o.Language ? Key.Down : Key.Up);
                break;
            case SessionState.PlaceCard:
                if (!_cardOn)
                {
                    _o.Card.Reset();
                    _reader.Emulator.PlaceCard(_o.Card);
                    _cardOn = true;
                }
                break;
            case SessionState.PinEntry:
                if (_pinTyped || _keys.Pending > 0) break;
                _pinTyped = true;
                foreach (char d in _o.Pin) _keys.Press(Key.D0 + (d - '0'));
                _keys.Press(Key.Enter);
                break;
            case SessionState.LastTryWarning:
                // The resident types the card's real PIN, so the last try is safe to spend.
                if (_keys.Pending == 0) _keys.Press(Key.Enter);
                break;
            case SessionState.WrongPin:
                if (_keys.Pending == 0) _keys.Press(Key.Cancel);
                break;
            case SessionState.RemoveCard:
                TakeCard();
                break;
            case SessionState.ChooseProduct:
                if (_keys.Pending > 0) break;
                int want = IndexOfProduct(ctx.Products);
                if (want < 0) _keys.Press(Key.Cancel);
                else _keys.Press(ctx.ChoiceIndex == want ? Key.Enter : ctx.ChoiceIndex < want ? Key.Down : Key.Up);
                break;
            case SessionState.ProductNotice:
                if (_keys.Pending == 0) _keys.Press(Key.Cancel);
                break;
            case SessionState.ChooseOptions:
            case SessionState.ChooseMembers:
            case SessionState.ChooseYear:
                if (_keys.Pending == 0) _keys.Press(Key.Enter);
                break;
            case SessionState.ChooseCopies:
                if (_keys.Pending > 0) break;
                if (ctx.Copies != _o.Copies && _o.Copies >= 1 && _o.Copies <= 9 && (ctx.Product == null || _o.Copies <= ctx.Product.MaxCopies))
                    _keys.Press(Key.D0 + _o.Copies);
                else _keys.Press(Key.Enter);
                break;
            case SessionState.Confirm:
                if (_confirmed || _keys.Pending > 0) break;
                _confirmed = true;
                _o.BeforeOrder?.Invoke(this, _sequence);
                _keys.Press(Key.Enter);
                break;
            case SessionState.Payment:
                if (!_paymentShown && ctx.PaymentCode != null && ctx.OrderId != null && ctx.SessionId != null)
                {
                    _paymentShown = true;
                    _o.PaymentShown?.Invoke(new PaymentDue(Name, _sequence, ResidentId, ctx.SessionId, ctx.OrderId, ctx.PaymentCode));
                }
                break;
            case SessionState.TakeDocuments:
            case SessionState.Notice:
            case SessionState.Locked:
                TakeCard();
                if (_keys.Pending == 0) _keys.Press(Key.Enter);
                break;
        }
    }

    private void Begin()
    {
        _inTransaction = true;
        _cardOn = _pinTyped = _cardTaken = _confirmed = _paymentShown = _sawTakeDocuments = _timedOut = false;
        _noticeKey = null;
        _bridge.Reset();
        _sequence++;
        _startedUtc = DateTime.UtcNow;
        _startedTicks = Stopwatch.GetTimestamp();
        _keys.Press(Key.Enter);
    }

    private void TakeCard()
    {
        if (!_cardOn || _cardTaken) return;
        _reader.Emulator.RemoveCard();
        _cardTaken = true;
    }

    private void Finish()
    {
        TakeCard();
        _keys.Clear();
        double ms = Stopwatch.GetElapsedTime(_startedTicks).TotalMilliseconds;
        IssuanceOutcome outcome;
        string? reason;
        if (_sawTakeDocuments)
        {
            outcome = IssuanceOutcome.Printed;
            reason = null;
        }
        else if (_bridge.OrderState is "failed" or "cancelled" or "refunded")
        {
            outcome = IssuanceOutcome.OrderEnded;
            reason = _bridge.OrderReason ?? _noticeKey;
        }
        else if (_timedOut)
        {
            outcome = IssuanceOutcome.TimedOut;
            reason = "timeout";
        }
        else
        {
            outcome = IssuanceOutcome.Error;
            reason = _bridge.LastProblem ?? _noticeKey;
        }
        var record = new IssuanceRecord(Name, _sequence, ResidentId, _bridge.SessionId, _bridge.OrderId, _bridge.PaymentCode, outcome,
            _bridge.OrderState, reason, _noticeKey ?? "", _startedUtc, ms);
        _records.Enqueue(record);
        if (outcome == IssuanceOutcome.Printed)
        {
            lock (_issuanceMs) _issuanceMs.Add(ms);
        }
        _inTransaction = false;
        Interlocked.Increment(ref _completed);
        _o.Completed?.Invoke(record);
    }

    private int IndexOfProduct(Product[] products)
    {
        for (int i = 0; i < products.Length; i++)
            if (products[i].Code == _o.Product && products[i].Available) return i;
        return -1;
    }

    private sealed class CoreLog(HeadlessTerminal t) : ISessionLog
    {
        public void Write(string line)
        {
            if (line.StartsWith("session: timeout", StringComparison.Ordinal)) t._timedOut = true;
            t._o.Log?.Invoke(t.Name, line);
        }
    }
}
