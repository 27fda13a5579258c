namespace Kiosk.Firmware.Core.Session
{
    /// <summary>The work a transition does; the executor runs these against the card, bridge and context.</summary>
    public enum SessionAction
    {
        /// <summary>Cancel an unprinted order, end the bridge session, release the card, wipe every secret and choice.</summary>
        Abort = 0,
        /// <summary>Send a heartbeat when one is due.</summary>
        Heartbeat,
        /// <summary>Start the language list at the current language.</summary>
        BeginLanguage,
        /// <summary>Take the highlighted language.</summary>
        SelectLanguage,
        /// <summary>Move the highlight up.</summary>
        ChoiceUp,
        /// <summary>Move the highlight down.</summary>
        ChoiceDown,
        /// <summary>Digit 1-9 highlights that item of the page; 0 turns the page.</summary>
        ChoiceDigit,
        /// <summary>Look for a card (Open); reports CardPlaced or Failed (not a My Number Card).</summary>
        DetectCard,
        /// <summary>Open the bridge session, read the certificate, query PIN tries (before any VERIFY).</summary>
        ReadCard,
        /// <summary>Report CardRemoved when the card has left the reader.</summary>
        CheckCard,
        /// <summary>Add the digit to the PIN buffer.</summary>
        PinDigit,
        /// <summary>Erase the last PIN digit.</summary>
        PinBack,
        /// <summary>Erase the whole PIN buffer.</summary>
        PinClear,
        /// <summary>Send the complete PIN to the card (only there), then wipe the buffer.</summary>
        SubmitPin,
        /// <summary>Card signs the challenge; bridge authenticates and lists products.</summary>
        Authenticate,
        /// <summary>Release the card so it can be taken.</summary>
        ReleaseCard,
        /// <summary>Start the certificate list.</summary>
        BeginProducts,
        /// <summary>Take the highlighted certificate (Ok with options, Skip without, Failed if unavailable).</summary>
        SelectProduct,
        /// <summary>Start the option list with the bridge's defaults.</summary>
        BeginOptions,
        /// <summary>Digit n switches option n.</summary>
        ToggleOption,
        /// <summary>Start the copies screen at one copy.</summary>
        BeginCopies,
        /// <summary>Digit sets the number of copies.</summary>
        CopiesDigit,
        /// <summary>One copy more.</summary>
        CopiesUp,
        /// <summary>One copy fewer.</summary>
        CopiesDown,
        /// <summary>Create the order (with an idempotency key, retried once).</summary>
        CreateOrder,
        /// <summary>Poll the order when due: Paid, Printed or Failed.</summary>
        PollOrder,
        /// <summary>End the bridge session after printing.</summary>
        EndSession,
        /// <summary>Set the message: the card was removed too early.</summary>
        NoteCardRemoved,
        /// <summary>Set the message: the bridge is unreachable.</summary>
        NoteBridgeDown,
        /// <summary>After a choice screen: asks for members, then a year, when the certificate needs them; else on to copies.</summary>
        NextChoice,
        /// <summary>Highlights the current members choice.</summary>
        BeginMembers,
        /// <summary>Takes the highlighted members choice and moves on.</summary>
        SelectMembers,
        /// <summary>Highlights the current (or newest) year.</summary>
        BeginYear,
        /// <summary>Takes the highlighted year and moves on.</summary>
        SelectYear,
    }
}
