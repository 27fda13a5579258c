namespace Kiosk.Firmware.Core.Ui
{
    /// <summary>One line or choice on a screen: a catalogue message (or -1) and an optional dynamic value shown after it.</summary>
    public sealed class ScreenItem
    {
        /// <summary>The catalogue message, or -1 when the item is only a value.</summary>
        public int MessageId;

        /// <summary>Dynamic text (fee, code, PIN mask); never a PIN digit. Null when none.</summary>
        public string? Value;

        /// <summary>The language the message is drawn in; -1 means the screen's language (the language list uses each own).</summary>
        public int Language;

        /// <summary>False for a choice that cannot be taken (shown, marked unavailable).</summary>
        public bool Enabled;

        /// <summary>A second message explaining why a choice is unavailable, or -1.</summary>
        public int NoteId;

        /// <summary>For option choices: whether it is switched on; shown as ■ or □.</summary>
        public int Check;

        internal void Set(int messageId, string? value, int language)
        {
            MessageId = messageId;
            Value = value;
            Language = language;
            Enabled = true;
            NoteId = -1;
            Check = -1;
        }
    }
}
