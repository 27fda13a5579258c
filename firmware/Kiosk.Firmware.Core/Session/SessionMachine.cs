using Kiosk.Firmware.Core.Bridge;
using Kiosk.Firmware.Core.Card;
using Kiosk.Firmware.Core.Hardware;
using Kiosk.Firmware.Core.Ui;

namespace Kiosk.Firmware.Core.Session
{
    /// <summary>Runs the <see cref="SessionTable"/>: turns keys, time, card and bridge into events, changes state, shows the
    /// new screen, runs the row's actions and feeds their outcome back in as the next event.</summary>
    public sealed partial class SessionMachine
    {
        readonly SessionTable _table;
        readonly SessionConfig _cfg;
        readonly IJpkiCard _card;
        readonly IBridge _bridge;
        readonly IClock _clock;
        readonly IRandomSource _random;
        readonly IDisplay? _display;
        readonly ISessionLog? _log;
        readonly SessionContext _ctx = new SessionContext();
        readonly PinPad _pin = new PinPad();
        readonly ScreenModel _screen = new ScreenModel();
        readonly ScreenRenderer _renderer = new ScreenRenderer();
        SessionState _state = SessionState.Idle;
        long _since;
        long _nextTick;
        long _lastHeartbeat = -1;
        int _digit = -1;
        bool _dirty;

        /// <summary>Wires the machine to its seams; nothing happens until <see cref="Start"/>.</summary>
        public SessionMachine(SessionTable table, SessionConfig config, IJpkiCard card, IBridge bridge, IClock clock,
            IRandomSource random, IDisplay? display, ISessionLog? log)
        {
            _table = table;
            _cfg = config;
            _card = card;
            _bridge = bridge;
            _clock = clock;
            _random = random;
            _display = display;
            _log = log;
        }

        /// <summary>The current state.</summary>
        public SessionState State { get { return _state; } }
        /// <summary>The screen currently shown.</summary>
        public ScreenModel Screen { get { return _screen; } }
        /// <summary>The last frame drawn.</summary>
        public FrameBuffer Frame { get { return _renderer.Frame; } }
        /// <summary>The session's data (read by tests and the simulator).</summary>
        public SessionContext Context { get { return _ctx; } }
        /// <summary>PIN digits currently typed (the digits themselves are not readable).</summary>
        public int PinDigits { get { return _pin.Count; } }
        /// <summary>Figures sent with each heartbeat; the board keeps them current.</summary>
        public readonly HeartbeatInfo HeartbeatInfo = new HeartbeatInfo();

        /// <summary>Enters idle and shows its screen.</summary>
        public void Start()
        {
            _state = SessionState.Idle;
            _since = _clock.MonotonicMs;
            _nextTick = _since;
            Show();
        }

        /// <summary>One turn of the main loop: waits up to <paramref name="keyWaitMs"/> for a key, then checks time.</summary>
        public void RunOnce(IKeypad keypad, int keyWaitMs)
        {
            Key key = keypad.ReadKey(keyWaitMs);
            if (key != Key.None) HandleKey(key);
            Poll();
        }

        /// <summary>Runs forever (the board's main loop).</summary>
        public void Run(IKeypad keypad)
        {
            Start();
            while (true) RunOnce(keypad, _cfg.TickMs);
        }

        /// <summary>Feeds one key press.</summary>
        public void HandleKey(Key key)
        {
            int digit = KeypadLayout.DigitOf(key);
            if (digit >= 0) { Dispatch(SessionEvent.Digit, digit); return; }
            switch (key)
            {
                case Key.Enter: Dispatch(SessionEvent.Enter, -1); break;
                case Key.Cancel:
                    // A 4x3 pad has no Clear: Cancel first erases typed digits, a second Cancel stops.
                    if (!_cfg.HasEditKeys && _state == SessionState.PinEntry && _pin.Count > 0) Dispatch(SessionEvent.Clear, -1);
                    else Dispatch(SessionEvent.Cancel, -1);
                    break;
                case Key.Clear: Dispatch(SessionEvent.Clear, -1); break;
                case Key.Back: Dispatch(SessionEvent.Back, -1); break;
                case Key.Up: Dispatch(SessionEvent.Up, -1); break;
                case Key.Down: Dispatch(SessionEvent.Down, -1); break;
            }
        }

        /// <summary>Raises Timeout when the state's time is up, and Tick when due.</summary>
        public void Poll()
        {
            long now = _clock.MonotonicMs;
            int limit = _cfg.TimeoutMs(_table.TimeoutOf(_state), _pin.Count);
            if (limit > 0 && now - _since >= limit)
            {
                if (_log != null) _log.Write("session: timeout in " + SessionNames.Of(_state));
                Dispatch(SessionEvent.Timeout, -1);
                return;
            }
            if (now >= _nextTick)
            {
                _nextTick = now + _cfg.TickMs;
                Dispatch(SessionEvent.Tick, -1);
            }
        }

        /// <summary>Delivers an event (with its digit for <see cref="SessionEvent.Digit"/>, otherwise -1).</summary>
        public void Dispatch(SessionEvent ev, int digit)
        {
            while (ev != SessionEvent.None)
            {
                Transition? t = _table.Find(_state, ev);
                if (t == null) return;
                SessionState from = _state;
                _state = t.To;
                bool isKey = ev == SessionEvent.Enter || ev == SessionEvent.Cancel || ev == SessionEvent.Digit || ev == SessionEvent.Back
                    || ev == SessionEvent.Clear || ev == SessionEvent.Up || ev == SessionEvent.Down;
                if (from != _state || isKey) _since = _clock.MonotonicMs;
                if (from != _state && _log != null)
                    _log.Write("session: " + SessionNames.Of(from) + " -" + SessionNames.Of(ev) + "-> " + SessionNames.Of(_state));
                _digit = digit;
                digit = -1;
                SessionAction[] actions = t.Actions;
                if (from != _state && HasSlowAction(actions)) Show();
                SessionEvent next = SessionEvent.None;
                for (int i = 0; i < actions.Length; i++)
                {
                    SessionEvent r = Run(actions[i]);
                    if (next == SessionEvent.None) next = r;
                }
                _digit = -1;
                if (_state == SessionState.Idle && from != SessionState.Idle)
                {
                    _ctx.Language = 0;
                    _ctx.ErrorId = -1;
                }
                if (from != _state || ev != SessionEvent.Tick || next != SessionEvent.None || _dirty) Show();
                ev = next;
            }
        }

        void Show()
        {
            _dirty = false;
            ScreenBuilder.Build(_state, _ctx, _pin, _cfg, _screen);
            if (_display != null) _renderer.Render(_screen, _display);
        }

        static bool HasSlowAction(SessionAction[] actions)
        {
            for (int i = 0; i < actions.Length; i++)
            {
                SessionAction a = actions[i];
                if (a == SessionAction.ReadCard || a == SessionAction.Authenticate || a == SessionAction.CreateOrder) return true;
            }
            return false;
        }
    }
}
