using System.Text;
using Kiosk.Firmware.Core.Ui.Messages;

namespace Kiosk.Firmware.Core.Ui
{
    /// <summary>What a screen shows, independent of pixels: title, lines, choices and key hints as catalogue ids plus values.
    /// Preallocated and reused so building a screen allocates nothing.</summary>
    public sealed class ScreenModel
    {
        /// <summary>Most lines a screen holds.</summary>
        public const int MaxLines = 6;
        /// <summary>Most choices shown on one page (digits 1..7 pick them; 0 turns the page). Seven fit the 240-pixel display.</summary>
        public const int MaxChoices = 7;
        /// <summary>Most key hints.</summary>
        public const int MaxHints = 3;

        readonly ScreenItem[] _lines = NewItems(MaxLines);
        readonly ScreenItem[] _choices = NewItems(MaxChoices);
        readonly int[] _hints = new int[MaxHints];

        /// <summary>Language index of the screen.</summary>
        public int Language;
        /// <summary>Title message.</summary>
        public int TitleId;
        /// <summary>True for warning screens (drawn with a heavy frame).</summary>
        public bool Warning;
        /// <summary>Lines in use.</summary>
        public int LineCount;
        /// <summary>Choices in use.</summary>
        public int ChoiceCount;
        /// <summary>The highlighted choice on this page, or -1.</summary>
        public int Selected;
        /// <summary>Hints in use.</summary>
        public int HintCount;

        /// <summary>Line <paramref name="i"/>.</summary>
        public ScreenItem Line(int i) { return _lines[i]; }
        /// <summary>Choice <paramref name="i"/> of the current page.</summary>
        public ScreenItem Choice(int i) { return _choices[i]; }
        /// <summary>Hint message <paramref name="i"/>.</summary>
        public int Hint(int i) { return _hints[i]; }

        /// <summary>Starts a new screen.</summary>
        public void Reset(int language, int titleId)
        {
            Language = language;
            TitleId = titleId;
            Warning = false;
            LineCount = 0;
            ChoiceCount = 0;
            HintCount = 0;
            Selected = -1;
            for (int i = 0; i < MaxLines; i++) _lines[i].Set(-1, null, -1);
            for (int i = 0; i < MaxChoices; i++) _choices[i].Set(-1, null, -1);
        }

        /// <summary>Adds a line; ignored when full.</summary>
        public ScreenItem? AddLine(int messageId, string? value)
        {
            if (LineCount >= MaxLines) return null;
            ScreenItem item = _lines[LineCount++];
            item.Set(messageId, value, -1);
            return item;
        }

        /// <summary>Adds a choice; ignored when full.</summary>
        public ScreenItem? AddChoice(int messageId, string? value, int language)
        {
            if (ChoiceCount >= MaxChoices) return null;
            ScreenItem item = _choices[ChoiceCount++];
            item.Set(messageId, value, language);
            return item;
        }

        /// <summary>Adds a key hint.</summary>
        public void AddHint(int messageId)
        {
            if (HintCount < MaxHints) _hints[HintCount++] = messageId;
        }

        /// <summary>The screen as plain text (for the simulator's text view, tests and diagnostics).</summary>
        public string Describe()
        {
            StringBuilder sb = new StringBuilder();
            sb.Append(Catalog.Text(Language, TitleId)).Append('\n');
            for (int i = 0; i < LineCount; i++) AppendItem(sb, _lines[i]);
            for (int i = 0; i < ChoiceCount; i++)
            {
                sb.Append(i == Selected ? '>' : ' ').Append(i + 1).Append(' ');
                AppendItem(sb, _choices[i]);
            }
            for (int i = 0; i < HintCount; i++) sb.Append(Catalog.Text(Language, _hints[i])).Append('\n');
            return sb.ToString();
        }

        void AppendItem(StringBuilder sb, ScreenItem item)
        {
            int lang = item.Language < 0 ? Language : item.Language;
            if (item.Check >= 0) sb.Append(item.Check > 0 ? "■ " : "□ ");
            if (item.MessageId >= 0) sb.Append(Catalog.Text(lang, item.MessageId));
            if (item.Value != null) sb.Append(item.MessageId >= 0 ? " " : "").Append(item.Value);
            if (item.NoteId >= 0) sb.Append(' ').Append(Catalog.Text(lang, item.NoteId));
            sb.Append('\n');
        }

        static ScreenItem[] NewItems(int n)
        {
            ScreenItem[] items = new ScreenItem[n];
            for (int i = 0; i < n; i++) items[i] = new ScreenItem();
            return items;
        }
    }
}
