namespace Kiosk.Firmware.Core.Session
{
    /// <summary>Timeouts and pacing of a session, all in milliseconds; the defaults are the service's.</summary>
    public sealed class SessionConfig
    {
        /// <summary>No first PIN digit within this time ends the session.</summary>
        public int PinFirstDigitMs = 20000;
        /// <summary>Longest pause between PIN digits.</summary>
        public int PinNextDigitMs = 10000;
        /// <summary>Choice screens (language, card, certificate, options, copies, confirmation).</summary>
        public int ChoiceMs = 60000;
        /// <summary>Card or bridge work.</summary>
        public int WorkMs = 30000;
        /// <summary>Waiting for payment at the register.</summary>
        public int PaymentMs = 180000;
        /// <summary>Waiting for the printer.</summary>
        public int PrintingMs = 300000;
        /// <summary>Information and error screens.</summary>
        public int NoticeMs = 30000;
        /// <summary>How often the card and bridge are polled.</summary>
        public int TickMs = 250;
        /// <summary>How often an order's state is asked for.</summary>
        public int OrderPollMs = 1000;
        /// <summary>How long the bridge may hold an order poll open waiting for the state to change (long poll); 0 polls plainly every
        /// <see cref="OrderPollMs"/>. Keys pressed meanwhile are handled when the answer comes, so it stays short.</summary>
        public int OrderWaitMs = 1000;
        /// <summary>Failed polls in a row before the bridge counts as gone.</summary>
        public int OrderPollMisses = 5;
        /// <summary>Heartbeat period while idle.</summary>
        public int HeartbeatMs = 30000;
        /// <summary>False for a 4x3 pad without Back/Clear: Cancel then first clears typed digits.</summary>
        public bool HasEditKeys = true;

        /// <summary>The timeout for a kind, given how many PIN digits are typed.</summary>
        public int TimeoutMs(TimeoutKind kind, int pinDigits)
        {
            switch (kind)
            {
                case TimeoutKind.Choice: return ChoiceMs;
                case TimeoutKind.Pin: return pinDigits == 0 ? PinFirstDigitMs : PinNextDigitMs;
                case TimeoutKind.Work: return WorkMs;
                case TimeoutKind.Payment: return PaymentMs;
                case TimeoutKind.Printing: return PrintingMs;
                case TimeoutKind.Notice: return NoticeMs;
                default: return -1;
            }
        }
    }
}
