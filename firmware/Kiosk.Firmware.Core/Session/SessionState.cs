namespace Kiosk.Firmware.Core.Session
{
    /// <summary>The screens of a resident's session, in the order a transaction visits them (docs/terminal.md).</summary>
    public enum SessionState
    {
        /// <summary>Waiting for a resident; heartbeats the bridge.</summary>
        Idle = 0,
        /// <summary>Choosing one of the thirteen languages.</summary>
        Language,
        /// <summary>Waiting for a card on the reader.</summary>
        PlaceCard,
        /// <summary>Opening the bridge session, reading the certificate and the PIN tries.</summary>
        Reading,
        /// <summary>Typing the 4-digit PIN (shown only as dots).</summary>
        PinEntry,
        /// <summary>The PIN was wrong; tries remain.</summary>
        WrongPin,
        /// <summary>One try left: strong warning, option to stop.</summary>
        LastTryWarning,
        /// <summary>Card signs the challenge; the bridge checks it and lists products.</summary>
        Authenticating,
        /// <summary>Waiting until the card has left the reader.</summary>
        RemoveCard,
        /// <summary>Choosing the certificate.</summary>
        ChooseProduct,
        /// <summary>The chosen certificate cannot be issued; back to the list.</summary>
        ProductNotice,
        /// <summary>Choosing what the certificate includes.</summary>
        ChooseOptions,
        /// <summary>Choosing who is on a 住民票の写し: only the resident or the whole household.</summary>
        ChooseMembers,
        /// <summary>Choosing the fiscal year of an income/tax certificate (the years the municipality offers).</summary>
        ChooseYear,
        /// <summary>Choosing the number of copies.</summary>
        ChooseCopies,
        /// <summary>Fee and confirmation.</summary>
        Confirm,
        /// <summary>Waiting for payment at the register.</summary>
        Payment,
        /// <summary>Waiting for the printer.</summary>
        Printing,
        /// <summary>Reminding the resident to take the documents.</summary>
        TakeDocuments,
        /// <summary>The card is locked: what to do next.</summary>
        Locked,
        /// <summary>An error screen (message in the context); any key returns to idle.</summary>
        Notice,
    }
}
