using System;
using System.Collections;
using System.Text;
using Kiosk.Firmware.Core.Bridge;
using Kiosk.Firmware.Core.Bridge.Json;
using Kiosk.Firmware.Core.Card;
using Kiosk.Firmware.Core.Ui;
using Kiosk.Firmware.Core.Ui.Messages;

namespace Kiosk.Firmware.Core.Session
{
    public sealed partial class SessionMachine
    {
        SessionEvent Run(SessionAction a)
        {
            try
            {
                return RunUnguarded(a);
            }
            catch (Exception ex)
            {
                // A driver fault must not leave the session half-done: report it as a failed step (only the type is logged).
                if (_log != null) _log.Write("session: " + SessionNames.Of(a) + " threw " + ex.GetType().Name);
                _ctx.ErrorId = MessageId.ErrorGeneral;
                return SessionEvent.Failed;
            }
        }

        SessionEvent RunUnguarded(SessionAction a)
        {
            switch (a)
            {
                case SessionAction.Abort: Abort(); return SessionEvent.None;
                case SessionAction.Heartbeat: return Heartbeat();
                case SessionAction.BeginLanguage: _ctx.ChoiceIndex = _ctx.Language; return SessionEvent.None;
                case SessionAction.SelectLanguage: _ctx.Language = _ctx.ChoiceIndex; return SessionEvent.None;
                case SessionAction.ChoiceUp: Move(-1); return SessionEvent.None;
                case SessionAction.ChoiceDown: Move(1); return SessionEvent.None;
                case SessionAction.ChoiceDigit: PickDigit(); return SessionEvent.None;
                case SessionAction.DetectCard: return DetectCard();
                case SessionAction.ReadCard: return ReadCard();
                case SessionAction.CheckCard: return _card.IsPresent() ? SessionEvent.None : SessionEvent.CardRemoved;
                case SessionAction.PinDigit: _pin.Add(_digit); return SessionEvent.None;
                case SessionAction.PinBack: _pin.Back(); return SessionEvent.None;
                case SessionAction.PinClear: _pin.Wipe(); return SessionEvent.None;
                case SessionAction.SubmitPin: return SubmitPin();
                case SessionAction.Authenticate: return Authenticate();
                case SessionAction.ReleaseCard: _card.Release(); return SessionEvent.None;
                case SessionAction.BeginProducts: BeginProducts(); return SessionEvent.None;
                case SessionAction.SelectProduct: return SelectProduct();
                case SessionAction.BeginOptions: _ctx.ChoiceIndex = 0; return SessionEvent.None;
                case SessionAction.ToggleOption: ToggleOption(); return SessionEvent.None;
                case SessionAction.BeginCopies: SetCopies(_ctx.Copies < 1 ? 1 : _ctx.Copies); return SessionEvent.None;
                case SessionAction.CopiesDigit: if (_digit >= 1) SetCopies(_digit); return SessionEvent.None;
                case SessionAction.CopiesUp: SetCopies(_ctx.Copies + 1); return SessionEvent.None;
                case SessionAction.CopiesDown: SetCopies(_ctx.Copies - 1); return SessionEvent.None;
                case SessionAction.CreateOrder: return CreateOrder();
                case SessionAction.PollOrder: return PollOrder();
                case SessionAction.EndSession: EndSession(); return SessionEvent.None;
                case SessionAction.NoteCardRemoved: _ctx.ErrorId = MessageId.ErrorCardRemoved; return SessionEvent.None;
                case SessionAction.NoteBridgeDown: _ctx.ErrorId = MessageId.ErrorBridge; return SessionEvent.None;
                case SessionAction.NextChoice: return NextChoice();
                case SessionAction.BeginMembers: _ctx.ChoiceIndex = _ctx.WholeHousehold ? 1 : 0; return SessionEvent.None;
                case SessionAction.SelectMembers: _ctx.WholeHousehold = _ctx.ChoiceIndex == 1; return NextChoice();
                case SessionAction.BeginYear: BeginYear(); return SessionEvent.None;
                case SessionAction.SelectYear: return SelectYear();
                default: return SessionEvent.None;
            }
        }

        void Abort()
        {
            if (_ctx.OrderId != null && !_ctx.Printed) _bridge.CancelOrder(_ctx.OrderId);
            EndSession();
            try { _card.Release(); }
            catch (Exception ex) { if (_log != null) _log.Write("session: release threw " + ex.GetType().Name); }
            _pin.Wipe();
            _ctx.Wipe();
        }

        void EndSession()
        {
            if (_ctx.SessionId == null) return;
            _bridge.EndSession(_ctx.SessionId);
            _ctx.SessionId = null;
        }

        SessionEvent Heartbeat()
        {
            long now = _clock.MonotonicMs;
            if (_lastHeartbeat >= 0 && now - _lastHeartbeat < _cfg.HeartbeatMs) return SessionEvent.None;
            _lastHeartbeat = now;
            HeartbeatInfo.State = SessionNames.Of(_state);
            BridgeReply r = _bridge.Heartbeat(HeartbeatInfo);
            bool offline = !r.IsOk;
            if (offline != _ctx.BridgeOffline)
            {
                _ctx.BridgeOffline = offline;
                _dirty = true;
                if (_log != null) _log.Write(offline ? "bridge: heartbeat failed" : "bridge: heartbeat ok");
            }
            return SessionEvent.None;
        }

        int ListCount()
        {
            switch (_state)
            {
                case SessionState.Language: return Catalog.LanguageCount;
                case SessionState.ChooseProduct: return _ctx.Products.Length;
                case SessionState.ChooseOptions: return _ctx.Product == null ? 0 : _ctx.Product.Options.Length;
                case SessionState.ChooseMembers: return 2;
                case SessionState.ChooseYear: return _ctx.Product == null ? 0 : _ctx.Product.Years.Length;
                default: return 0;
            }
        }

        void Move(int delta)
        {
            int n = ListCount();
            if (n == 0) return;
            _ctx.ChoiceIndex = (_ctx.ChoiceIndex + delta + n) % n;
        }

        void PickDigit()
        {
            int n = ListCount();
            int page = _ctx.ChoiceIndex / ScreenModel.MaxChoices;
            if (_digit == 0)
            {
                int next = (page + 1) * ScreenModel.MaxChoices;
                _ctx.ChoiceIndex = next < n ? next : 0;
                return;
            }
            int i = page * ScreenModel.MaxChoices + _digit - 1;
            if (_digit >= 1 && i < n) _ctx.ChoiceIndex = i;
        }

        SessionEvent DetectCard()
        {
            CardResult r = _card.Open();
            if (r.Status == CardStatus.Ok) return SessionEvent.CardPlaced;
            if (r.Status == CardStatus.NotMyNumberCard)
            {
                _ctx.ErrorId = MessageId.ErrorNotMynumber;
                return SessionEvent.Failed;
            }
            return SessionEvent.None;
        }

        SessionEvent CardFailure(CardResult r)
        {
            if (r.Status == CardStatus.CardRemoved || r.Status == CardStatus.NoCard) return SessionEvent.CardRemoved;
            if (r.Status == CardStatus.Locked) return SessionEvent.Locked;
            if (_log != null) _log.Write("card: failed with status word " + r.StatusWord.ToString("X4"));
            _ctx.ErrorId = r.Status == CardStatus.NotMyNumberCard ? MessageId.ErrorNotMynumber : MessageId.ErrorCardRead;
            return SessionEvent.Failed;
        }

        SessionEvent BridgeFailure(BridgeReply r)
        {
            if (r.Outcome == BridgeOutcome.Unreachable) return SessionEvent.BridgeDown;
            if (_log != null) _log.Write("bridge: problem " + r.ProblemCode);
            _ctx.ErrorId = Catalog.Problem(r.ProblemCode);
            return SessionEvent.Failed;
        }

        SessionEvent ReadCard()
        {
            // The bridge session comes first so an unreachable bridge is known before the resident types a PIN.
            BridgeReply s = _bridge.OpenSession();
            if (!s.IsOk) return BridgeFailure(s);
            string? sid = Json.Str(s.Body, "sessionId");
            string? challenge = Json.Str(s.Body, "challenge");
            if (sid == null || challenge == null) return BridgeFailure(new BridgeReply(BridgeOutcome.Problem, s.Status, "bad-request", null));
            _ctx.SessionId = sid;
            _ctx.Challenge = Convert.FromBase64String(challenge);

            CardResult cert = _card.ReadAuthCertificate();
            if (!cert.IsOk || cert.Data == null) return CardFailure(cert);
            _ctx.Certificate = cert.Data;

            CardResult tries = _card.QueryPinTriesLeft();
            if (tries.Status == CardStatus.Locked || (tries.IsOk && tries.TriesLeft == 0)) return SessionEvent.Locked;
            if (!tries.IsOk) return CardFailure(tries);
            _ctx.TriesLeft = tries.TriesLeft;
            if (_log != null) _log.Write("card: certificate read, tries left " + tries.TriesLeft.ToString());
            return tries.TriesLeft == 1 ? SessionEvent.LastTry : SessionEvent.Ok;
        }

        SessionEvent SubmitPin()
        {
            if (!_pin.IsComplete) return SessionEvent.None;
            CardResult r = _pin.SubmitTo(_card);
            if (r.Status == CardStatus.Ok)
            {
                if (_log != null) _log.Write("card: PIN accepted");
                return SessionEvent.Ok;
            }
            if (r.Status == CardStatus.WrongPin)
            {
                _ctx.TriesLeft = r.TriesLeft;
                _ctx.HadWrongPin = true;
                if (_log != null) _log.Write("card: PIN rejected, tries left " + r.TriesLeft.ToString());
                if (r.TriesLeft <= 0) return SessionEvent.Locked;
                return r.TriesLeft == 1 ? SessionEvent.LastTry : SessionEvent.WrongPin;
            }
            return CardFailure(r);
        }

        SessionEvent Authenticate()
        {
            byte[]? challenge = _ctx.Challenge;
            byte[]? cert = _ctx.Certificate;
            if (challenge == null || cert == null || _ctx.SessionId == null) { _ctx.ErrorId = MessageId.ErrorGeneral; return SessionEvent.Failed; }
            CardResult sig = _card.SignChallenge(challenge, 0, challenge.Length);
            if (!sig.IsOk || sig.Data == null) return CardFailure(sig);
            BridgeReply auth = _bridge.Authenticate(_ctx.SessionId, cert, sig.Data);
            Array.Clear(sig.Data, 0, sig.Data.Length);
            if (!auth.IsOk) return BridgeFailure(auth);
            _ctx.MunicipalityCode = Json.Str(auth.Body, "municipalityCode");
            _ctx.MunicipalityName = Json.Str(auth.Body, "municipalityName");
            _ctx.ReceiptCode = Json.Str(auth.Body, "receiptCode");

            BridgeReply list = _bridge.GetProducts(_ctx.SessionId);
            if (!list.IsOk) return BridgeFailure(list);
            _ctx.Products = Product.ParseList(list.Body);
            for (int i = 0; i < _ctx.Products.Length; i++)
            {
                if (_ctx.Products[i].Available) return SessionEvent.Ok;
            }
            // Nothing can be issued (outside hours, not offered...): say why now, before the card is taken.
            string? reason = _ctx.Products.Length > 0 ? _ctx.Products[0].Reason : null;
            _ctx.ErrorId = reason != null ? Catalog.Problem(reason) : MessageId.ErrorNotOffered;
            if (_log != null) _log.Write("bridge: no product available");
            return SessionEvent.Failed;
        }

        void BeginProducts()
        {
            _ctx.ChoiceIndex = 0;
            for (int i = 0; i < _ctx.Products.Length; i++)
            {
                if (_ctx.Products[i].Available) { _ctx.ChoiceIndex = i; return; }
            }
        }

        SessionEvent SelectProduct()
        {
            if (_ctx.ChoiceIndex < 0 || _ctx.ChoiceIndex >= _ctx.Products.Length) return SessionEvent.None;
            Product p = _ctx.Products[_ctx.ChoiceIndex];
            if (!p.Available)
            {
                _ctx.ErrorId = p.Reason != null ? Catalog.Problem(p.Reason) : MessageId.ErrorNotOffered;
                return SessionEvent.Failed;
            }
            _ctx.Product = p;
            _ctx.OptionOn = new bool[p.Options.Length];
            Array.Copy(p.Defaults, _ctx.OptionOn, p.Defaults.Length);
            _ctx.WholeHousehold = false;
            _ctx.Year = p.Years.Length > 0 ? p.Years[0] : 0;
            _ctx.Copies = 1;
            _ctx.IdempotencyKey = null;
            return p.Options.Length > 0 ? SessionEvent.Ok : NextChoice();
        }

        /// <summary>The choice screen after the current one: options, then members (a household to choose from), then the
        /// fiscal year (the certificate takes one), then copies (<see cref="SessionEvent.Skip"/>).</summary>
        SessionEvent NextChoice()
        {
            Product? p = _ctx.Product;
            if (p == null) return SessionEvent.None;
            bool beforeMembers = _state == SessionState.ChooseProduct || _state == SessionState.ChooseOptions;
            if (beforeMembers && p.HasHousehold) return SessionEvent.NeedMembers;
            if (_state != SessionState.ChooseYear && p.Years.Length > 0) return SessionEvent.NeedYear;
            return SessionEvent.Skip;
        }

        void BeginYear()
        {
            _ctx.ChoiceIndex = 0;
            int[] years = _ctx.Product == null ? new int[0] : _ctx.Product.Years;
            for (int i = 0; i < years.Length; i++)
            {
                if (years[i] == _ctx.Year) { _ctx.ChoiceIndex = i; return; }
            }
        }

        SessionEvent SelectYear()
        {
            int[] years = _ctx.Product == null ? new int[0] : _ctx.Product.Years;
            if (_ctx.ChoiceIndex < 0 || _ctx.ChoiceIndex >= years.Length) return SessionEvent.None;
            _ctx.Year = years[_ctx.ChoiceIndex];
            return SessionEvent.Skip;
        }

        void ToggleOption()
        {
            int i = _digit - 1;
            if (i < 0 || i >= _ctx.OptionOn.Length) return;
            _ctx.OptionOn[i] = !_ctx.OptionOn[i];
            _ctx.ChoiceIndex = i;
        }

        void SetCopies(int copies)
        {
            int max = _ctx.Product == null ? 1 : _ctx.Product.MaxCopies;
            if (copies < 1 || copies > max) return;
            _ctx.Copies = copies;
            _ctx.FeeText = Product.Yen(_ctx.Product == null ? 0 : _ctx.Product.FeeYen * copies);
        }

        SessionEvent CreateOrder()
        {
            Product? p = _ctx.Product;
            if (p == null || _ctx.SessionId == null) { _ctx.ErrorId = MessageId.ErrorGeneral; return SessionEvent.Failed; }
            if (_ctx.IdempotencyKey == null) _ctx.IdempotencyKey = NewUuid();
            string[] options = new string[p.Options.Length];
            int n = 0;
            for (int i = 0; i < p.Options.Length; i++)
            {
                if (_ctx.OptionOn[i]) options[n++] = p.Options[i];
            }
            // "Only me" sends no members (the municipality lists the applicant alone); "whole household" sends everyone offered.
            string[] members = _ctx.WholeHousehold ? p.MemberIds : new string[0];
            int year = p.Years.Length > 0 ? _ctx.Year : 0;
            BridgeReply r = _bridge.CreateOrder(_ctx.SessionId, _ctx.IdempotencyKey, p.Code, options, n, members, members.Length, year, _ctx.Copies);
            // The same key makes a retry safe: the bridge returns the order it already made.
            if (r.Outcome == BridgeOutcome.Unreachable)
                r = _bridge.CreateOrder(_ctx.SessionId, _ctx.IdempotencyKey, p.Code, options, n, members, members.Length, year, _ctx.Copies);
            if (!r.IsOk) return BridgeFailure(r);
            _ctx.OrderId = Json.Str(r.Body, "orderId");
            _ctx.PaymentCode = Json.Str(r.Body, "paymentCode");
            int fee = Json.Int(r.Body, "feeYen", -1);
            if (fee >= 0) _ctx.FeeText = Product.Yen(fee);
            if (_ctx.OrderId == null) { _ctx.ErrorId = MessageId.ErrorGeneral; return SessionEvent.Failed; }
            _ctx.PollMisses = 0;
            _ctx.NextPollMs = _clock.MonotonicMs;
            _ctx.OrderState = Json.Str(r.Body, "state");
            if (_log != null) _log.Write("bridge: order created");
            return SessionEvent.Ok;
        }

        SessionEvent PollOrder()
        {
            long now = _clock.MonotonicMs;
            if (_ctx.OrderId == null || now < _ctx.NextPollMs) return SessionEvent.None;
            _ctx.NextPollMs = now + _cfg.OrderPollMs;
            // Long poll: the bridge holds the request until the state changes (or the wait ends), so answers come as soon as
            // something happens instead of at the next poll.
            bool waiting = _cfg.OrderWaitMs > 0 && _ctx.OrderState != null;
            BridgeReply r = waiting ? _bridge.WaitOrder(_ctx.OrderId, _ctx.OrderState!, _cfg.OrderWaitMs) : _bridge.GetOrder(_ctx.OrderId);
            if (r.Outcome == BridgeOutcome.Unreachable)
            {
                _ctx.PollMisses++;
                return _ctx.PollMisses >= _cfg.OrderPollMisses ? SessionEvent.BridgeDown : SessionEvent.None;
            }
            if (!r.IsOk) return BridgeFailure(r);
            _ctx.PollMisses = 0;
            string? state = Json.Str(r.Body, "state");
            // A change may be followed by the next one at once. An unchanged answer keeps the pacing above, which a long poll
            // has already spent waiting (a bridge that ignores the wait answers at once and is polled no faster than before).
            if (waiting && state != null && state != _ctx.OrderState) _ctx.NextPollMs = _clock.MonotonicMs;
            _ctx.OrderState = state;
            if (state == "paid" || state == "issuing" || state == "printing") return SessionEvent.Paid;
            if (state == "printed")
            {
                _ctx.Printed = true;
                return SessionEvent.Printed;
            }
            if (state == "failed" || state == "cancelled" || state == "refunded")
            {
                string? reason = Json.Str(r.Body, "reason");
                _ctx.ErrorId = reason != null ? Catalog.Problem(reason) : (state == "refunded" ? MessageId.ErrorPrinter : MessageId.ErrorGeneral);
                if (_log != null) _log.Write("bridge: order " + state);
                return SessionEvent.Failed;
            }
            return SessionEvent.None;
        }

        string NewUuid()
        {
            byte[] b = new byte[16];
            _random.NextBytes(b, 0, 16);
            b[6] = (byte)((b[6] & 0x0F) | 0x40);
            b[8] = (byte)((b[8] & 0x3F) | 0x80);
            const string hex = "0123456789abcdef";
            StringBuilder sb = new StringBuilder(36);
            for (int i = 0; i < 16; i++)
            {
                if (i == 4 || i == 6 || i == 8 || i == 10) sb.Append('-');
                sb.Append(hex[b[i] >> 4]).Append(hex[b[i] & 15]);
            }
            return sb.ToString();
        }
    }
}
