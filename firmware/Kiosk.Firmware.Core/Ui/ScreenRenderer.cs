using Kiosk.Firmware.Core.Hardware;
using Kiosk.Firmware.Core.Ui.Fonts;

namespace Kiosk.Firmware.Core.Ui
{
    /// <summary>Lays a <see cref="ScreenModel"/> out on the 320x240 frame: inverted title bar, body lines, numbered choices
    /// (the selected one inverted), key hints at the bottom. Allocates nothing per frame.</summary>
    public sealed class ScreenRenderer
    {
        const int Margin = 8;
        const int ChoiceIndent = 28;

        readonly FrameBuffer _frame = new FrameBuffer();
        readonly TextPainter _p = new TextPainter();
        static readonly string[] Numbers = { "1", "2", "3", "4", "5", "6", "7", "8", "9" };

        /// <summary>The last frame drawn.</summary>
        public FrameBuffer Frame { get { return _frame; } }

        /// <summary>Draws the screen and sends the whole frame to the display (when given).</summary>
        public void Render(ScreenModel m, IDisplay? display)
        {
            _frame.Clear();
            int lang = m.Language;

            // Title bar: measure, fill, then draw the text blank-on-ink.
            _p.Begin(Margin, 3, FrameBuffer.Width - Margin);
            _p.Message(null, lang, m.TitleId, true);
            int barHeight = _p.Bottom + 3;
            _frame.Fill(0, 0, FrameBuffer.Width, barHeight, true);
            _p.Begin(Margin, 3, FrameBuffer.Width - Margin);
            _p.Message(_frame, lang, m.TitleId, false);

            // Hints flow as one paragraph at the bottom: measure it, then draw it there.
            int hintsTop = FrameBuffer.Height;
            if (m.HintCount > 0)
            {
                _p.Begin(Margin, 0, FrameBuffer.Width - Margin);
                DrawHints(m, null);
                hintsTop = (m.Warning ? FrameBuffer.Height - 4 : FrameBuffer.Height - 1) - _p.Bottom;
                _p.Begin(Margin, hintsTop, FrameBuffer.Width - Margin);
                DrawHints(m, _frame);
                _frame.Fill(0, hintsTop - 3, FrameBuffer.Width, 1, true);
                hintsTop -= 3;
            }
            HintsTop = hintsTop;

            int y = barHeight + 6;
            for (int i = 0; i < m.LineCount; i++)
            {
                _p.Begin(Margin, y, FrameBuffer.Width - Margin);
                DrawItem(m.Line(i), lang, true, _frame);
                y = _p.Bottom + 4;
            }
            BodyBottom = y;
            for (int i = 0; i < m.ChoiceCount; i++)
            {
                ScreenItem c = m.Choice(i);
                bool selected = i == m.Selected;
                _p.Begin(ChoiceIndent, y, FrameBuffer.Width - Margin);
                DrawItem(c, lang, true, null);
                int h = _p.Bottom - y;
                if (selected) _frame.Fill(2, y - 1, FrameBuffer.Width - 4, h + 2, true);
                _p.Begin(Margin, y, ChoiceIndent);
                _p.Text(_frame, Numbers[i], !selected);
                _p.Begin(ChoiceIndent, y, FrameBuffer.Width - Margin);
                DrawItem(c, lang, !selected, _frame);
                y += h + 1;
            }
            BodyBottom = y;
            if (m.Warning)
            {
                _frame.Fill(0, barHeight, 3, FrameBuffer.Height - barHeight, true);
                _frame.Fill(FrameBuffer.Width - 3, barHeight, 3, FrameBuffer.Height - barHeight, true);
                _frame.Fill(0, FrameBuffer.Height - 3, FrameBuffer.Width, 3, true);
            }
            if (display != null) display.Show(_frame.Bits, 0, FrameBuffer.Height);
        }

        /// <summary>Bottom of the body (lines and choices) in the last frame.</summary>
        public int BodyBottom { get; private set; }

        /// <summary>Top of the hint area in the last frame (the display height when there are no hints).</summary>
        public int HintsTop { get; private set; }

        void DrawHints(ScreenModel m, FrameBuffer? frame)
        {
            for (int i = 0; i < m.HintCount; i++)
            {
                if (i > 0) { _p.Space(); _p.Space(); }
                _p.Message(frame, m.Language, m.Hint(i), true);
            }
        }

        void DrawItem(ScreenItem item, int screenLanguage, bool ink, FrameBuffer? frame)
        {
            int lang = item.Language < 0 ? screenLanguage : item.Language;
            if (item.Check >= 0)
            {
                _p.Text(frame, item.Check > 0 ? "■" : "□", ink);
                _p.Space();
            }
            if (item.MessageId >= 0) _p.Message(frame, lang, item.MessageId, ink);
            if (item.Value != null)
            {
                _p.Space();
                _p.Text(frame, item.Value, ink);
            }
            if (item.NoteId >= 0)
            {
                _p.Space();
                _p.Message(frame, lang, item.NoteId, ink);
            }
        }
    }
}
