namespace Kiosk.Firmware.Core.Session
{
    /// <summary>What can happen to a session: keys, time, the card, the bridge, and outcomes of actions.</summary>
    public enum SessionEvent
    {
        /// <summary>No event (an action with nothing to report).</summary>
        None = 0,
        /// <summary>Enter key.</summary>
        Enter,
        /// <summary>Cancel key.</summary>
        Cancel,
        /// <summary>A digit key (the digit travels beside the event, never in logs).</summary>
        Digit,
        /// <summary>Back key (erase one digit / previous screen).</summary>
        Back,
        /// <summary>Clear key (erase all digits).</summary>
        Clear,
        /// <summary>Up key.</summary>
        Up,
        /// <summary>Down key.</summary>
        Down,
        /// <summary>Periodic tick: polls the card and the bridge.</summary>
        Tick,
        /// <summary>The state's time ran out.</summary>
        Timeout,
        /// <summary>A card was found on the reader.</summary>
        CardPlaced,
        /// <summary>The card left the reader.</summary>
        CardRemoved,
        /// <summary>The bridge could not be reached.</summary>
        BridgeDown,
        /// <summary>The step succeeded.</summary>
        Ok,
        /// <summary>The step succeeded and the next screen is skipped (a certificate without options).</summary>
        Skip,
        /// <summary>The PIN was wrong and more than one try remains.</summary>
        WrongPin,
        /// <summary>Exactly one PIN try remains.</summary>
        LastTry,
        /// <summary>The card's PIN is locked.</summary>
        Locked,
        /// <summary>The step failed; the context holds the message to show.</summary>
        Failed,
        /// <summary>The order was paid.</summary>
        Paid,
        /// <summary>The order was printed.</summary>
        Printed,
        /// <summary>The chosen certificate asks who is on it (a household to choose from).</summary>
        NeedMembers,
        /// <summary>The chosen certificate asks for a fiscal year.</summary>
        NeedYear,
    }
}
