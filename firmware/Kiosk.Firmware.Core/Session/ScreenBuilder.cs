using Kiosk.Firmware.Core.Ui;
using Kiosk.Firmware.Core.Ui.Fonts;
using Kiosk.Firmware.Core.Ui.Messages;

namespace Kiosk.Firmware.Core.Session
{
    /// <summary>Fills the screen model for a state from the context. The PIN appears only as <see cref="PinPad.Mask"/>.</summary>
    public static class ScreenBuilder
    {
        static readonly string[] Small = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" };

        /// <summary>Rebuilds <paramref name="m"/> for <paramref name="state"/>.</summary>
        public static void Build(SessionState state, SessionContext c, PinPad pin, SessionConfig cfg, ScreenModel m)
        {
            int lang = c.Language;
            switch (state)
            {
                case SessionState.Idle:
                    m.Reset(lang, MessageId.IdleTitle);
                    m.AddLine(MessageId.IdleLine, null);
                    if (c.BridgeOffline) m.AddLine(MessageId.ErrorBridge, null);
                    break;
                case SessionState.Language:
                    m.Reset(lang, MessageId.LanguageTitle);
                    Page(m, c.ChoiceIndex, Catalog.LanguageCount, null, c);
                    Hints(m, MessageId.HintChoose, MessageId.HintNext, MessageId.HintCancel);
                    break;
                case SessionState.PlaceCard:
                    m.Reset(lang, MessageId.CardPlaceTitle);
                    m.AddLine(MessageId.CardPlaceLine, null);
                    Hints(m, MessageId.HintCancel, -1, -1);
                    break;
                case SessionState.Reading:
                    m.Reset(lang, MessageId.AuthTitle);
                    m.AddLine(MessageId.CardReading, null);
                    break;
                case SessionState.PinEntry:
                    m.Reset(lang, MessageId.PinTitle);
                    m.AddLine(MessageId.PinLine, null);
                    m.AddLine(-1, pin.Mask);
                    if (c.TriesLeft > 0 && c.TriesLeft < 10) m.AddLine(MessageId.PinTries, Small[c.TriesLeft]);
                    Hints(m, cfg.HasEditKeys ? MessageId.HintFix : -1, MessageId.HintNext, MessageId.HintCancel);
                    break;
                case SessionState.WrongPin:
                    m.Reset(lang, MessageId.PinWrongTitle);
                    if (c.TriesLeft > 0 && c.TriesLeft < 10) m.AddLine(MessageId.PinTries, Small[c.TriesLeft]);
                    m.AddLine(MessageId.PinWrongLine, null);
                    Hints(m, MessageId.HintNext, MessageId.HintCancel, -1);
                    break;
                case SessionState.LastTryWarning:
                    m.Reset(lang, MessageId.PinLastTitle);
                    m.Warning = true;
                    if (c.HadWrongPin) m.AddLine(MessageId.PinWrongTitle, null);
                    m.AddLine(MessageId.PinTries, Small[1]);
                    m.AddLine(MessageId.PinLastLine, null);
                    m.AddLine(MessageId.PinLastChoice, null);
                    break;
                case SessionState.Authenticating:
                    m.Reset(lang, MessageId.AuthTitle);
                    m.AddLine(MessageId.AuthLine, null);
                    break;
                case SessionState.RemoveCard:
                    m.Reset(lang, MessageId.CardRemoveTitle);
                    m.Warning = true;
                    m.AddLine(MessageId.CardRemoveLine, null);
                    Hints(m, MessageId.HintCancel, -1, -1);
                    break;
                case SessionState.ChooseProduct:
                    m.Reset(lang, MessageId.ProductTitle);
                    if (c.MunicipalityName != null && GlyphFont.Covers(c.MunicipalityName)) m.AddLine(-1, c.MunicipalityName);
                    else if (c.MunicipalityCode != null) m.AddLine(-1, c.MunicipalityCode);
                    Page(m, c.ChoiceIndex, c.Products.Length, c.Products, c);
                    Hints(m, MessageId.HintChoose, MessageId.HintNext, MessageId.HintCancel);
                    break;
                case SessionState.ProductNotice:
                    m.Reset(lang, MessageId.ErrorTitle);
                    m.AddLine(c.ErrorId >= 0 ? c.ErrorId : MessageId.ErrorNotOffered, null);
                    Hints(m, MessageId.HintNext, MessageId.HintCancel, -1);
                    break;
                case SessionState.ChooseOptions:
                    m.Reset(lang, MessageId.OptionsTitle);
                    Options(m, c);
                    Hints(m, MessageId.HintChoose, MessageId.HintNext, MessageId.HintCancel);
                    break;
                case SessionState.ChooseMembers:
                    m.Reset(lang, MessageId.MembersTitle);
                    ProductLine(m, c);
                    m.AddChoice(MessageId.MembersMe, null, -1);
                    m.AddChoice(MessageId.MembersHousehold, null, -1);
                    m.Selected = c.ChoiceIndex;
                    Hints(m, MessageId.HintChoose, MessageId.HintNext, MessageId.HintCancel);
                    break;
                case SessionState.ChooseYear:
                    m.Reset(lang, MessageId.YearTitle);
                    ProductLine(m, c);
                    Years(m, c);
                    Hints(m, MessageId.HintChoose, MessageId.HintNext, MessageId.HintCancel);
                    break;
                case SessionState.ChooseCopies:
                    m.Reset(lang, MessageId.CopiesTitle);
                    ProductLine(m, c);
                    m.AddLine(MessageId.ConfirmCopies, Small[c.Copies]);
                    m.AddLine(MessageId.CopiesLine, null);
                    Hints(m, MessageId.HintNext, MessageId.HintCancel, -1);
                    break;
                case SessionState.Confirm:
                    m.Reset(lang, MessageId.ConfirmTitle);
                    ProductLine(m, c);
                    if (c.WholeHousehold) m.AddLine(MessageId.MembersHousehold, null);
                    if (c.Year > 0) m.AddLine(MessageId.YearLabel, c.Year.ToString());
                    m.AddLine(MessageId.ConfirmCopies, Small[c.Copies]);
                    m.AddLine(MessageId.ConfirmFee, c.FeeText);
                    Hints(m, MessageId.HintNext, MessageId.HintCancel, -1);
                    break;
                case SessionState.Payment:
                    m.Reset(lang, MessageId.PaymentTitle);
                    m.AddLine(MessageId.PaymentLine, null);
                    m.AddLine(MessageId.PaymentCode, c.PaymentCode);
                    m.AddLine(MessageId.ConfirmFee, c.FeeText);
                    Hints(m, MessageId.HintCancel, -1, -1);
                    break;
                case SessionState.Printing:
                    m.Reset(lang, MessageId.PrintingTitle);
                    m.AddLine(MessageId.PrintingLine, null);
                    break;
                case SessionState.TakeDocuments:
                    m.Reset(lang, MessageId.TakeTitle);
                    m.Warning = true;
                    m.AddLine(MessageId.TakeLine, null);
                    Hints(m, MessageId.HintNext, -1, -1);
                    break;
                case SessionState.Locked:
                    m.Reset(lang, MessageId.ErrorLockedTitle);
                    m.Warning = true;
                    m.AddLine(MessageId.ErrorLockedLine, null);
                    m.AddLine(MessageId.ErrorLockedHotline, null);
                    m.AddLine(MessageId.ErrorLockedForeign, null);
                    Hints(m, MessageId.HintNext, -1, -1);
                    break;
                default:
                    m.Reset(lang, MessageId.ErrorTitle);
                    m.AddLine(c.ErrorId >= 0 ? c.ErrorId : MessageId.ErrorGeneral, null);
                    Hints(m, MessageId.HintNext, -1, -1);
                    break;
            }
        }

        static void ProductLine(ScreenModel m, SessionContext c)
        {
            if (c.Product == null) return;
            if (c.Product.NameId >= 0) m.AddLine(c.Product.NameId, null); else m.AddLine(-1, c.Product.Code);
        }

        static void Page(ScreenModel m, int selected, int count, Product[]? products, SessionContext c)
        {
            int first = selected / ScreenModel.MaxChoices * ScreenModel.MaxChoices;
            for (int i = first; i < count && i < first + ScreenModel.MaxChoices; i++)
            {
                ScreenItem? item;
                if (products == null)
                {
                    item = m.AddChoice(MessageId.LanguageName, null, i);
                }
                else
                {
                    Product p = products[i];
                    item = p.NameId >= 0 ? m.AddChoice(p.NameId, p.FeeText, -1) : m.AddChoice(-1, p.Code + " " + p.FeeText, -1);
                    if (item != null && !p.Available)
                    {
                        item.Enabled = false;
                        item.NoteId = MessageId.ProductUnavailable;
                    }
                }
            }
            m.Selected = selected - first;
        }

        static void Options(ScreenModel m, SessionContext c)
        {
            if (c.Product == null) return;
            string[] codes = c.Product.Options;
            for (int i = 0; i < codes.Length; i++)
            {
                int id = Catalog.OptionName(codes[i]);
                ScreenItem? item = id >= 0 ? m.AddChoice(id, null, -1) : m.AddChoice(-1, codes[i], -1);
                if (item != null) item.Check = c.OptionOn[i] ? 1 : 0;
            }
            m.Selected = codes.Length == 0 ? -1 : c.ChoiceIndex;
        }

        static void Years(ScreenModel m, SessionContext c)
        {
            int[] years = c.Product == null ? new int[0] : c.Product.Years;
            int first = c.ChoiceIndex / ScreenModel.MaxChoices * ScreenModel.MaxChoices;
            for (int i = first; i < years.Length && i < first + ScreenModel.MaxChoices; i++) m.AddChoice(MessageId.YearLabel, years[i].ToString(), -1);
            m.Selected = years.Length == 0 ? -1 : c.ChoiceIndex - first;
        }

        static void Hints(ScreenModel m, int a, int b, int d)
        {
            if (a >= 0) m.AddHint(a);
            if (b >= 0) m.AddHint(b);
            if (d >= 0) m.AddHint(d);
        }
    }
}
