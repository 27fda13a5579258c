namespace Kiosk.Firmware.Core.Session
{
    /// <summary>Names of states, events and actions for logs and docs (enum ToString is not reliable on the device).</summary>
    public static class SessionNames
    {
        static readonly string[] States =
        {
            "Idle", "Language", "PlaceCard", "Reading", "PinEntry", "WrongPin", "LastTryWarning", "Authenticating", "RemoveCard",
            "ChooseProduct", "ProductNotice", "ChooseOptions", "ChooseMembers", "ChooseYear", "ChooseCopies", "Confirm", "Payment", "Printing", "TakeDocuments",
            "Locked", "Notice",
        };

        static readonly string[] Events =
        {
            "None", "Enter", "Cancel", "Digit", "Back", "Clear", "Up", "Down", "Tick", "Timeout", "CardPlaced", "CardRemoved",
            "BridgeDown", "Ok", "Skip", "WrongPin", "LastTry", "Locked", "Failed", "Paid", "Printed", "NeedMembers", "NeedYear",
        };

        static readonly string[] Actions =
        {
            "Abort", "Heartbeat", "BeginLanguage", "SelectLanguage", "ChoiceUp", "ChoiceDown", "ChoiceDigit", "DetectCard", "ReadCard",
            "CheckCard", "PinDigit", "PinBack", "PinClear", "SubmitPin", "Authenticate", "ReleaseCard", "BeginProducts",
            "SelectProduct", "BeginOptions", "ToggleOption", "BeginCopies", "CopiesDigit", "CopiesUp", "CopiesDown", "CreateOrder",
            "PollOrder", "EndSession", "NoteCardRemoved", "NoteBridgeDown", "NextChoice", "BeginMembers", "SelectMembers", "BeginYear",
            "SelectYear",
        };

        /// <summary>Name of a state.</summary>
        public static string Of(SessionState s) { return States[(int)s]; }
        /// <summary>Name of an event.</summary>
        public static string Of(SessionEvent e) { return Events[(int)e]; }
        /// <summary>Name of an action.</summary>
        public static string Of(SessionAction a) { return Actions[(int)a]; }
        /// <summary>Number of actions.</summary>
        public static int ActionCount { get { return Actions.Length; } }
    }
}
