using System.Collections;

namespace Kiosk.Firmware.Core.Session
{
    /// <summary>The session's state table as data: (state, event) → (next state, actions), plus each state's timeout.
    /// Pairs without a row are ignored (the state stays, nothing runs). docs/terminal.md is checked against this table.</summary>
    public sealed class SessionTable
    {
        /// <summary>Number of states.</summary>
        public const int StateCount = (int)SessionState.Notice + 1;
        /// <summary>Number of events.</summary>
        public const int EventCount = (int)SessionEvent.NeedYear + 1;

        readonly Transition?[] _index = new Transition?[StateCount * EventCount];
        readonly ArrayList _rows = new ArrayList();
        readonly TimeoutKind[] _timeouts = new TimeoutKind[StateCount];

        const SessionState Idle = SessionState.Idle;
        const SessionState Language = SessionState.Language;
        const SessionState PlaceCard = SessionState.PlaceCard;
        const SessionState Reading = SessionState.Reading;
        const SessionState PinEntry = SessionState.PinEntry;
        const SessionState WrongPin = SessionState.WrongPin;
        const SessionState LastTryWarning = SessionState.LastTryWarning;
        const SessionState Authenticating = SessionState.Authenticating;
        const SessionState RemoveCard = SessionState.RemoveCard;
        const SessionState ChooseProduct = SessionState.ChooseProduct;
        const SessionState ProductNotice = SessionState.ProductNotice;
        const SessionState ChooseOptions = SessionState.ChooseOptions;
        const SessionState ChooseMembers = SessionState.ChooseMembers;
        const SessionState ChooseYear = SessionState.ChooseYear;
        const SessionState ChooseCopies = SessionState.ChooseCopies;
        const SessionState Confirm = SessionState.Confirm;
        const SessionState Payment = SessionState.Payment;
        const SessionState Printing = SessionState.Printing;
        const SessionState TakeDocuments = SessionState.TakeDocuments;
        const SessionState Locked = SessionState.Locked;
        const SessionState Notice = SessionState.Notice;

        /// <summary>Builds the table.</summary>
        public SessionTable()
        {
            Timeout(Idle, TimeoutKind.None);
            Timeout(Language, TimeoutKind.Choice);
            Timeout(PlaceCard, TimeoutKind.Choice);
            Timeout(Reading, TimeoutKind.Work);
            Timeout(PinEntry, TimeoutKind.Pin);
            Timeout(WrongPin, TimeoutKind.Choice);
            Timeout(LastTryWarning, TimeoutKind.Choice);
            Timeout(Authenticating, TimeoutKind.Work);
            Timeout(RemoveCard, TimeoutKind.Choice);
            Timeout(ChooseProduct, TimeoutKind.Choice);
            Timeout(ProductNotice, TimeoutKind.Notice);
            Timeout(ChooseOptions, TimeoutKind.Choice);
            Timeout(ChooseMembers, TimeoutKind.Choice);
            Timeout(ChooseYear, TimeoutKind.Choice);
            Timeout(ChooseCopies, TimeoutKind.Choice);
            Timeout(Confirm, TimeoutKind.Choice);
            Timeout(Payment, TimeoutKind.Payment);
            Timeout(Printing, TimeoutKind.Printing);
            Timeout(TakeDocuments, TimeoutKind.Notice);
            Timeout(Locked, TimeoutKind.Notice);
            Timeout(Notice, TimeoutKind.Notice);

            // Idle: any key starts; ticks heartbeat the bridge.
            Row(Idle, SessionEvent.Enter, Language, SessionAction.BeginLanguage);
            Row(Idle, SessionEvent.Digit, Language, SessionAction.BeginLanguage);
            Row(Idle, SessionEvent.Up, Language, SessionAction.BeginLanguage);
            Row(Idle, SessionEvent.Down, Language, SessionAction.BeginLanguage);
            Row(Idle, SessionEvent.Back, Language, SessionAction.BeginLanguage);
            Row(Idle, SessionEvent.Clear, Language, SessionAction.BeginLanguage);
            Row(Idle, SessionEvent.Tick, Idle, SessionAction.Heartbeat);

            Row(Language, SessionEvent.Up, Language, SessionAction.ChoiceUp);
            Row(Language, SessionEvent.Down, Language, SessionAction.ChoiceDown);
            Row(Language, SessionEvent.Digit, Language, SessionAction.ChoiceDigit);
            Row(Language, SessionEvent.Enter, PlaceCard, SessionAction.SelectLanguage);
            Row(Language, SessionEvent.Back, Idle, SessionAction.Abort);

            Row(PlaceCard, SessionEvent.Tick, PlaceCard, SessionAction.DetectCard);
            Row(PlaceCard, SessionEvent.CardPlaced, Reading, SessionAction.ReadCard);
            Row(PlaceCard, SessionEvent.Failed, Notice, SessionAction.Abort);
            Row(PlaceCard, SessionEvent.Back, Language, SessionAction.BeginLanguage);

            // PIN tries are queried before any VERIFY, so the last-try warning comes before the try.
            Row(Reading, SessionEvent.Ok, PinEntry, SessionAction.PinClear);
            Row(Reading, SessionEvent.LastTry, LastTryWarning);
            Row(Reading, SessionEvent.Locked, Locked, SessionAction.Abort);
            Row(Reading, SessionEvent.Failed, Notice, SessionAction.Abort);

            Row(PinEntry, SessionEvent.Digit, PinEntry, SessionAction.PinDigit);
            Row(PinEntry, SessionEvent.Back, PinEntry, SessionAction.PinBack);
            Row(PinEntry, SessionEvent.Clear, PinEntry, SessionAction.PinClear);
            Row(PinEntry, SessionEvent.Enter, PinEntry, SessionAction.SubmitPin);
            Row(PinEntry, SessionEvent.Ok, Authenticating, SessionAction.Authenticate);
            Row(PinEntry, SessionEvent.WrongPin, WrongPin);
            Row(PinEntry, SessionEvent.LastTry, LastTryWarning);
            Row(PinEntry, SessionEvent.Locked, Locked, SessionAction.Abort);
            Row(PinEntry, SessionEvent.Failed, Notice, SessionAction.Abort);

            Row(WrongPin, SessionEvent.Enter, PinEntry, SessionAction.PinClear);
            Row(LastTryWarning, SessionEvent.Enter, PinEntry, SessionAction.PinClear);

            Row(Authenticating, SessionEvent.Ok, RemoveCard, SessionAction.ReleaseCard);
            Row(Authenticating, SessionEvent.Failed, Notice, SessionAction.Abort);

            // The flow goes on only once the card has left the reader, so no card is left behind.
            Row(RemoveCard, SessionEvent.Tick, RemoveCard, SessionAction.CheckCard);
            Row(RemoveCard, SessionEvent.CardRemoved, ChooseProduct, SessionAction.BeginProducts);

            Row(ChooseProduct, SessionEvent.Up, ChooseProduct, SessionAction.ChoiceUp);
            Row(ChooseProduct, SessionEvent.Down, ChooseProduct, SessionAction.ChoiceDown);
            Row(ChooseProduct, SessionEvent.Digit, ChooseProduct, SessionAction.ChoiceDigit);
            Row(ChooseProduct, SessionEvent.Enter, ChooseProduct, SessionAction.SelectProduct);
            Row(ChooseProduct, SessionEvent.Ok, ChooseOptions, SessionAction.BeginOptions);
            Row(ChooseProduct, SessionEvent.Skip, ChooseCopies, SessionAction.BeginCopies);
            Row(ChooseProduct, SessionEvent.NeedMembers, ChooseMembers, SessionAction.BeginMembers);
            Row(ChooseProduct, SessionEvent.NeedYear, ChooseYear, SessionAction.BeginYear);
            Row(ChooseProduct, SessionEvent.Failed, ProductNotice);

            Row(ProductNotice, SessionEvent.Enter, ChooseProduct);
            Row(ProductNotice, SessionEvent.Back, ChooseProduct);

            Row(ChooseOptions, SessionEvent.Up, ChooseOptions, SessionAction.ChoiceUp);
            Row(ChooseOptions, SessionEvent.Down, ChooseOptions, SessionAction.ChoiceDown);
            Row(ChooseOptions, SessionEvent.Digit, ChooseOptions, SessionAction.ToggleOption);
            Row(ChooseOptions, SessionEvent.Enter, ChooseOptions, SessionAction.NextChoice);
            Row(ChooseOptions, SessionEvent.Skip, ChooseCopies, SessionAction.BeginCopies);
            Row(ChooseOptions, SessionEvent.NeedMembers, ChooseMembers, SessionAction.BeginMembers);
            Row(ChooseOptions, SessionEvent.NeedYear, ChooseYear, SessionAction.BeginYear);
            Row(ChooseOptions, SessionEvent.Back, ChooseProduct, SessionAction.BeginProducts);

            // 住民票の写し for a household: only the resident (no members sent) or everyone listed.
            Row(ChooseMembers, SessionEvent.Up, ChooseMembers, SessionAction.ChoiceUp);
            Row(ChooseMembers, SessionEvent.Down, ChooseMembers, SessionAction.ChoiceDown);
            Row(ChooseMembers, SessionEvent.Digit, ChooseMembers, SessionAction.ChoiceDigit);
            Row(ChooseMembers, SessionEvent.Enter, ChooseMembers, SessionAction.SelectMembers);
            Row(ChooseMembers, SessionEvent.NeedYear, ChooseYear, SessionAction.BeginYear);
            Row(ChooseMembers, SessionEvent.Skip, ChooseCopies, SessionAction.BeginCopies);
            Row(ChooseMembers, SessionEvent.Back, ChooseProduct, SessionAction.BeginProducts);

            // 所得・課税証明書: one of the fiscal years the municipality offers for this resident.
            Row(ChooseYear, SessionEvent.Up, ChooseYear, SessionAction.ChoiceUp);
            Row(ChooseYear, SessionEvent.Down, ChooseYear, SessionAction.ChoiceDown);
            Row(ChooseYear, SessionEvent.Digit, ChooseYear, SessionAction.ChoiceDigit);
            Row(ChooseYear, SessionEvent.Enter, ChooseYear, SessionAction.SelectYear);
            Row(ChooseYear, SessionEvent.Skip, ChooseCopies, SessionAction.BeginCopies);
            Row(ChooseYear, SessionEvent.Back, ChooseProduct, SessionAction.BeginProducts);

            Row(ChooseCopies, SessionEvent.Digit, ChooseCopies, SessionAction.CopiesDigit);
            Row(ChooseCopies, SessionEvent.Up, ChooseCopies, SessionAction.CopiesUp);
            Row(ChooseCopies, SessionEvent.Down, ChooseCopies, SessionAction.CopiesDown);
            Row(ChooseCopies, SessionEvent.Enter, Confirm);
            Row(ChooseCopies, SessionEvent.Back, ChooseProduct, SessionAction.BeginProducts);

            Row(Confirm, SessionEvent.Enter, Confirm, SessionAction.CreateOrder);
            Row(Confirm, SessionEvent.Ok, Payment);
            Row(Confirm, SessionEvent.Failed, Notice, SessionAction.Abort);
            Row(Confirm, SessionEvent.Back, ChooseCopies);

            Row(Payment, SessionEvent.Tick, Payment, SessionAction.PollOrder);
            Row(Payment, SessionEvent.Paid, Printing);
            Row(Payment, SessionEvent.Printed, TakeDocuments, SessionAction.EndSession);
            Row(Payment, SessionEvent.Failed, Notice, SessionAction.Abort);

            Row(Printing, SessionEvent.Tick, Printing, SessionAction.PollOrder);
            Row(Printing, SessionEvent.Printed, TakeDocuments, SessionAction.EndSession);
            Row(Printing, SessionEvent.Failed, Notice, SessionAction.Abort);

            Row(TakeDocuments, SessionEvent.Enter, Idle, SessionAction.Abort);
            Row(Locked, SessionEvent.Enter, Idle, SessionAction.Abort);
            Row(Notice, SessionEvent.Enter, Idle, SessionAction.Abort);

            // While the card must stay on the reader, it is watched; pulling it ends the session with a message.
            SessionState[] cardStates = { Reading, PinEntry, WrongPin, LastTryWarning, Authenticating };
            for (int i = 0; i < cardStates.Length; i++)
            {
                if (cardStates[i] != Reading && cardStates[i] != Authenticating) Row(cardStates[i], SessionEvent.Tick, cardStates[i], SessionAction.CheckCard);
                Row(cardStates[i], SessionEvent.CardRemoved, Notice, SessionAction.NoteCardRemoved, SessionAction.Abort);
            }

            // Once a bridge session may exist, losing the bridge ends it with a message (nothing is charged or printed).
            SessionState[] bridgeStates = { Reading, PinEntry, WrongPin, LastTryWarning, Authenticating, RemoveCard, ChooseProduct,
                ProductNotice, ChooseOptions, ChooseMembers, ChooseYear, ChooseCopies, Confirm, Payment, Printing };
            for (int i = 0; i < bridgeStates.Length; i++)
                Row(bridgeStates[i], SessionEvent.BridgeDown, Notice, SessionAction.NoteBridgeDown, SessionAction.Abort);

            // Cancel from every state and a timeout in every state that has one: back to idle, everything wiped.
            for (int s = 0; s < StateCount; s++)
            {
                Row((SessionState)s, SessionEvent.Cancel, Idle, SessionAction.Abort);
                if (_timeouts[s] != TimeoutKind.None) Row((SessionState)s, SessionEvent.Timeout, Idle, SessionAction.Abort);
            }
        }

        /// <summary>The row for (state, event), or null when the event is ignored there.</summary>
        public Transition? Find(SessionState state, SessionEvent ev) { return _index[(int)state * EventCount + (int)ev]; }

        /// <summary>The timeout a state uses.</summary>
        public TimeoutKind TimeoutOf(SessionState state) { return _timeouts[(int)state]; }

        /// <summary>Number of rows.</summary>
        public int RowCount { get { return _rows.Count; } }

        /// <summary>Row <paramref name="i"/> in declaration order.</summary>
        public Transition Row(int i) { return (Transition)_rows[i]!; }

        void Timeout(SessionState s, TimeoutKind k) { _timeouts[(int)s] = k; }

        static readonly SessionAction[] NoActions = new SessionAction[0];

        // An explicit overload for rows without actions: a params call with no arguments would compile to Array.Empty<T>.
        void Row(SessionState from, SessionEvent on, SessionState to) { Row(from, on, to, NoActions); }

        void Row(SessionState from, SessionEvent on, SessionState to, params SessionAction[] actions)
        {
            int i = (int)from * EventCount + (int)on;
            if (_index[i] != null) throw new System.InvalidOperationException("duplicate row");
            Transition t = new Transition(from, on, to, actions);
            _index[i] = t;
            _rows.Add(t);
        }
    }
}
