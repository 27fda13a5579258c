namespace Kiosk.Firmware.Core.Session
{
    /// <summary>One row of the state table: in <see cref="From"/>, on <see cref="On"/>, go to <see cref="To"/> and run <see cref="Actions"/>.</summary>
    public sealed class Transition
    {
        /// <summary>Creates a row.</summary>
        public Transition(SessionState from, SessionEvent on, SessionState to, SessionAction[] actions)
        {
            From = from;
            On = on;
            To = to;
            Actions = actions;
        }

        /// <summary>The state the row applies in.</summary>
        public SessionState From { get; private set; }
        /// <summary>The event it handles.</summary>
        public SessionEvent On { get; private set; }
        /// <summary>The next state.</summary>
        public SessionState To { get; private set; }
        /// <summary>Actions, run in order after the state changes and the new screen is shown.</summary>
        public SessionAction[] Actions { get; private set; }
    }
}
