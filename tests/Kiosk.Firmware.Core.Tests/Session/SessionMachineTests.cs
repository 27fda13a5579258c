using Kiosk.Firmware.Core.Hardware;
using Kiosk.Firmware.Core.Session;
using Kiosk.Firmware.Core.Ui.Messages;

namespace Kiosk.Firmware.Core.Tests.Session;

public class SessionMachineTests
{
    public static IEnumerable<object[]> RestingStates => Rig.Resting.Select(s => new object[] { s });

    [Fact]
    public void A_full_transaction_visits_every_step_in_order_and_ends_wiped()
    {
        var rig = new Rig();
        rig.Press(Key.Enter);            // idle → language
        rig.Press(Key.D3);               // highlight English
        rig.Press(Key.Enter);
        Assert.Equal(Language.En, rig.M.Context.Language);
        rig.Card.InField = true;
        rig.Tick();
        Assert.Equal(SessionState.PinEntry, rig.State);
        rig.Type("1234");
        Assert.Contains("●●●●", rig.Screens[^1]);
        rig.Press(Key.Enter);
        Assert.Equal(SessionState.RemoveCard, rig.State);
        rig.Tick(3);
        Assert.Equal(SessionState.RemoveCard, rig.State);   // does not go on while the card is there
        rig.Card.InField = false;
        rig.Tick();
        Assert.Equal(SessionState.ChooseProduct, rig.State);
        rig.Press(Key.Enter);            // juminhyo
        Assert.Equal(SessionState.ChooseOptions, rig.State);
        rig.Press(Key.D1);               // honseki on
        rig.Press(Key.D2);               // relationship off (default on)
        rig.Press(Key.Enter);
        rig.Press(Key.D2);               // two copies
        rig.Press(Key.Enter);
        Assert.Equal(SessionState.Confirm, rig.State);
        Assert.Contains("¥600", rig.Screens[^1]);
        rig.Press(Key.Enter);
        Assert.Equal(SessionState.Payment, rig.State);
        Assert.Contains("PAY-7731", rig.Screens[^1]);
        rig.TickUntil(SessionState.TakeDocuments);
        rig.Press(Key.Enter);
        Assert.Equal(SessionState.Idle, rig.State);

        Assert.Equal(new[]
        {
            SessionState.Idle, SessionState.Language, SessionState.PlaceCard, SessionState.PinEntry, SessionState.RemoveCard,
            SessionState.ChooseProduct, SessionState.ChooseOptions, SessionState.ChooseCopies, SessionState.Confirm, SessionState.Payment,
            SessionState.Printing, SessionState.TakeDocuments, SessionState.Idle,
        }, rig.Visited);
        var calls = rig.Bridge.Calls.Where(c => !c.StartsWith("Heartbeat")).Select(c => c.Split(' ')[0]).Distinct().ToArray();
        Assert.Equal(new[] { "OpenSession", "Authenticate", "GetProducts", "CreateOrder", "WaitOrder", "EndSession" }, calls);
        var order = rig.Bridge.Calls.Single(c => c.StartsWith("CreateOrder"));
        Assert.Contains("product=juminhyo options=honseki copies=2", order);
        Assert.Matches("key=[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", order);
        Assert.Equal(new[] { "1234" }, rig.Card.PinsReceived);
        Assert.All(rig.Card.PinBuffersSeen, b => Assert.All(b, x => Assert.Equal(0, x)));
        Assert.DoesNotContain(rig.Bridge.Calls, c => c.StartsWith("CancelOrder"));
        Assert.True(rig.Wiped());
        Assert.Equal(Language.Ja, rig.M.Context.Language);
    }

    [Theory]
    [MemberData(nameof(RestingStates))]
    public void Every_event_in_every_resting_state_is_handled_or_ignored(SessionState state)
    {
        var table = new SessionTable();
        foreach (var ev in Enum.GetValues<SessionEvent>())
        {
            var rig = Rig.At(state);
            var before = rig.M.Screen.Describe();
            rig.M.Dispatch(ev, ev == SessionEvent.Digit ? 1 : -1);
            var row = table.Find(state, ev);
            if (row == null)
            {
                Assert.Equal(state, rig.State);
                Assert.Equal(before, rig.M.Screen.Describe());
            }
            if (rig.State == SessionState.Idle && state != SessionState.Idle) Assert.True(rig.Wiped(), state + " " + ev);
            if (row != null && row.To == SessionState.Idle) Assert.Equal(SessionState.Idle, rig.State);
        }
    }

    [Theory]
    [MemberData(nameof(RestingStates))]
    public void Every_resting_state_times_out_to_idle_wiping_everything(SessionState state)
    {
        var rig = Rig.At(state);
        var kind = new SessionTable().TimeoutOf(state);
        var limit = rig.Config.TimeoutMs(kind, rig.M.PinDigits);
        if (kind == TimeoutKind.None)
        {
            rig.Clock.Advance(24 * 3600 * 1000L);
            rig.M.Poll();
            Assert.Equal(SessionState.Idle, rig.State);
            return;
        }
        var releases = rig.Card.Releases;
        var hadSession = rig.M.Context.SessionId != null;
        rig.Clock.Advance(limit - 1);
        rig.M.Poll();
        Assert.Equal(state, rig.State);
        rig.Clock.Advance(1);
        rig.M.Poll();
        Assert.Equal(SessionState.Idle, rig.State);
        Assert.True(rig.Wiped());
        Assert.True(rig.Card.Releases > releases);
        if (hadSession) Assert.Contains("EndSession S1", rig.Bridge.Calls);
        Assert.Contains(rig.Log.Lines, l => l.StartsWith("session: timeout in " + state));
    }

    [Fact]
    public void Pin_entry_allows_20_seconds_for_the_first_digit_and_10_between_digits()
    {
        var rig = Rig.At(SessionState.PinEntry);
        rig.Clock.Advance(19_999); rig.M.Poll();
        Assert.Equal(SessionState.PinEntry, rig.State);
        rig.Press(Key.D5);
        rig.Clock.Advance(9_999); rig.M.Poll();
        Assert.Equal(SessionState.PinEntry, rig.State);
        rig.Press(Key.D6);
        rig.Clock.Advance(9_999); rig.M.Poll();
        Assert.Equal(SessionState.PinEntry, rig.State);
        rig.Clock.Advance(1); rig.M.Poll();
        Assert.Equal(SessionState.Idle, rig.State);
        Assert.Equal(0, rig.M.PinDigits);
        Assert.Equal(0, rig.Card.VerifyCalls);
    }

    [Fact]
    public void Timeouts_are_configurable()
    {
        var rig = new Rig(setup: r => { r.Config.ChoiceMs = 5_000; r.Config.PinFirstDigitMs = 3_000; });
        rig.Press(Key.Enter);
        rig.Clock.Advance(5_000); rig.M.Poll();
        Assert.Equal(SessionState.Idle, rig.State);
        rig.Press(Key.Enter); rig.Press(Key.Enter);
        rig.Card.InField = true; rig.Tick();
        Assert.Equal(SessionState.PinEntry, rig.State);
        rig.Clock.Advance(3_000); rig.M.Poll();
        Assert.Equal(SessionState.Idle, rig.State);
    }

    [Theory]
    [MemberData(nameof(RestingStates))]
    public void Pulling_the_card_in_every_state(SessionState state)
    {
        var rig = Rig.At(state);
        var cardWasIn = rig.Card.InField;
        rig.Card.InField = false;
        rig.Tick();
        switch (state)
        {
            case SessionState.PinEntry or SessionState.WrongPin or SessionState.LastTryWarning:
                Assert.Equal(SessionState.Notice, rig.State);
                Assert.Equal(MessageId.ErrorCardRemoved, rig.M.Context.ErrorId);
                Assert.True(rig.Wiped());
                Assert.Contains("EndSession S1", rig.Bridge.Calls);
                break;
            case SessionState.RemoveCard:
                Assert.Equal(SessionState.ChooseProduct, rig.State);
                break;
            default:
                Assert.Equal(state, rig.State);
                break;
        }
        if (state == SessionState.PlaceCard) Assert.False(cardWasIn);
    }

    [Fact]
    public void Pulling_the_card_while_it_signs_ends_the_session()
    {
        var rig = Rig.At(SessionState.PinEntry);
        rig.Card.RemoveOnSign = true;
        rig.Type("1234");
        rig.Press(Key.Enter);
        Assert.Equal(SessionState.Notice, rig.State);
        Assert.Equal(MessageId.ErrorCardRemoved, rig.M.Context.ErrorId);
        Assert.DoesNotContain(rig.Bridge.Calls, c => c.StartsWith("Authenticate"));
        Assert.True(rig.Wiped());
    }

    [Theory]
    [MemberData(nameof(RestingStates))]
    public void Dropping_the_bridge_in_every_state(SessionState state)
    {
        var rig = Rig.At(state);
        rig.Bridge.Unreachable = true;
        // Push the session forward the way a resident would until it settles.
        for (var i = 0; i < 40 && rig.State != SessionState.Notice; i++)
        {
            switch (rig.State)
            {
                case SessionState.PlaceCard: rig.Card.InField = true; break;
                case SessionState.PinEntry: rig.Type(rig.Card.CorrectPin); rig.Press(Key.Enter); break;
                case SessionState.RemoveCard: rig.Card.InField = false; break;
                case SessionState.ChooseProduct: rig.Press(Key.D1); rig.Press(Key.Enter); break;
                case SessionState.Payment or SessionState.Printing or SessionState.Idle: break;
                case SessionState.TakeDocuments or SessionState.Locked: i = 40; continue;
                default: rig.Press(Key.Enter); break;
            }
            if (rig.State == SessionState.Idle && state != SessionState.Idle) break;
            rig.Tick(4);
        }
        switch (state)
        {
            case SessionState.Idle:
                Assert.Equal(SessionState.Idle, rig.State);
                Assert.True(rig.M.Context.BridgeOffline);
                Assert.Contains(Catalog.Text(Language.Ja, MessageId.ErrorBridge), rig.Screens[^1]);
                break;
            case SessionState.TakeDocuments or SessionState.Locked:
                Assert.Equal(state, rig.State);
                break;
            case SessionState.Notice:
                Assert.Equal(SessionState.Notice, rig.State);
                break;
            default:
                Assert.Equal(SessionState.Notice, rig.State);
                Assert.Equal(MessageId.ErrorBridge, rig.M.Context.ErrorId);
                Assert.True(rig.Wiped());
                break;
        }
        if (state is SessionState.Language or SessionState.PlaceCard) Assert.Equal(0, rig.Card.VerifyCalls);
    }

    [Fact]
    public void A_wrong_pin_shows_tries_left_then_a_warning_before_the_last_try_then_the_lock()
    {
        var rig = Rig.At(SessionState.PinEntry);
        rig.Type("1111"); rig.Press(Key.Enter);
        Assert.Equal(SessionState.WrongPin, rig.State);
        Assert.Contains(Catalog.Text(Language.Ja, MessageId.PinTries) + " 2", rig.Screens[^1]);
        rig.Press(Key.Enter);
        rig.Type("2222"); rig.Press(Key.Enter);
        Assert.Equal(SessionState.LastTryWarning, rig.State);
        Assert.True(rig.M.Screen.Warning);
        Assert.Contains(Catalog.Text(Language.Ja, MessageId.PinLastLine), rig.Screens[^1]);
        rig.Press(Key.Enter);
        rig.Type("3333"); rig.Press(Key.Enter);
        Assert.Equal(SessionState.Locked, rig.State);
        var screen = rig.Screens[^1];
        Assert.Contains("0120-95-0178", screen);
        Assert.Contains("0120-0178-27", screen);
        Assert.Equal(3, rig.Card.VerifyCalls);
        Assert.True(rig.Wiped());
    }

    [Fact]
    public void With_one_try_left_the_warning_comes_before_any_verify_and_stopping_spends_nothing()
    {
        var rig = Rig.At(SessionState.LastTryWarning);
        Assert.Equal(0, rig.Card.VerifyCalls);
        Assert.True(rig.Card.QueryCalls >= 1);
        rig.Press(Key.Cancel);
        Assert.Equal(SessionState.Idle, rig.State);
        Assert.Equal(0, rig.Card.VerifyCalls);
        Assert.Equal(1, rig.Card.Tries);
    }

    [Fact]
    public void The_tries_query_precedes_the_first_verify()
    {
        var rig = Rig.At(SessionState.RemoveCard);
        Assert.Equal(1, rig.Card.QueriesBeforeFirstVerify);
    }

    [Theory]
    [InlineData("certificate-expired", MessageId.ErrorCertExpired)]
    [InlineData("certificate-revoked", MessageId.ErrorCertRevoked)]
    [InlineData("certificate-untrusted", MessageId.ErrorNotMynumber)]
    [InlineData("resident-not-found", MessageId.ErrorResident)]
    public void Authentication_problems_map_to_their_screens(string code, int message)
    {
        var rig = Rig.At(SessionState.PinEntry);
        rig.Bridge.AuthProblem = code;
        rig.Type("1234"); rig.Press(Key.Enter);
        Assert.Equal(SessionState.Notice, rig.State);
        Assert.Equal(Catalog.Slot(message), Catalog.Slot(rig.M.Context.ErrorId));
        Assert.True(rig.Wiped());
    }

    [Fact]
    public void Not_a_my_number_card()
    {
        var rig = Rig.At(SessionState.Notice);
        Assert.Equal(MessageId.ErrorNotMynumber, rig.M.Context.ErrorId);
        rig.Press(Key.Enter);
        Assert.Equal(SessionState.Idle, rig.State);
    }

    [Fact]
    public void Outside_hours_is_said_before_the_card_is_taken()
    {
        var rig = new Rig(setup: r => r.Bridge.ProductsJson = "{\"products\":[{\"code\":\"juminhyo\",\"available\":false,\"reason\":\"outside-hours\",\"feeYen\":300,\"maxCopies\":1,\"options\":[]}]}");
        rig.Press(Key.Enter); rig.Press(Key.Enter); rig.Card.InField = true; rig.Tick();
        rig.Type("1234"); rig.Press(Key.Enter);
        Assert.Equal(SessionState.Notice, rig.State);
        Assert.Equal(Catalog.Slot(MessageId.ErrorOutsideHours), Catalog.Slot(rig.M.Context.ErrorId));
        Assert.Contains("6:30", rig.Screens[^1]);
    }

    [Fact]
    public void A_product_not_offered_explains_and_returns_to_the_list()
    {
        var rig = Rig.At(SessionState.ProductNotice);
        Assert.Equal(Catalog.Slot(MessageId.ErrorOutsideHours), Catalog.Slot(rig.M.Context.ErrorId));
        rig.Press(Key.Enter);
        Assert.Equal(SessionState.ChooseProduct, rig.State);
        Assert.Contains(Catalog.Text(Language.Ja, MessageId.ProductUnavailable), rig.Screens[^1]);
    }

    [Fact]
    public void A_printer_problem_shows_the_refund_message()
    {
        var rig = Rig.At(SessionState.Payment);
        rig.Bridge.PollsUntilPaid = 1;
        rig.Bridge.FinalFailure = "printer-out-of-paper";
        rig.TickUntil(SessionState.Notice);
        Assert.Equal(Catalog.Slot(MessageId.ErrorPrinter), Catalog.Slot(rig.M.Context.ErrorId));
        Assert.True(rig.Wiped());
    }

    [Fact]
    public void An_expired_payment_code_says_time_ran_out_and_nothing_was_charged()
    {
        var rig = Rig.At(SessionState.Payment);
        rig.Bridge.PollsUntilPaid = 100;
        rig.Bridge.CancelledWhileAwaiting = "payment-expired";
        rig.TickUntil(SessionState.Notice);
        Assert.Equal(Catalog.Slot(MessageId.ErrorPaymentExpired), Catalog.Slot(rig.M.Context.ErrorId));
        Assert.Contains(Catalog.Text(Language.Ja, MessageId.ErrorPaymentExpired), rig.Screens[^1]);
        Assert.Contains("charged", Catalog.Text(Language.En, MessageId.ErrorPaymentExpired));
        Assert.True(rig.Wiped());
    }

    [Theory]
    [InlineData("printer-lost-job", MessageId.ErrorPrinterLostJob)]
    [InlineData("bridge-restart", MessageId.ErrorBridgeRestart)]
    [InlineData("issuance-failed", MessageId.ErrorIssuance)]
    [InlineData("timeout", MessageId.ErrorOrderTimeout)]
    public void A_failed_order_shows_the_message_of_its_reason(string reason, int message)
    {
        var rig = Rig.At(SessionState.Payment);
        rig.Bridge.PollsUntilPaid = 1;
        rig.Bridge.FinalFailure = reason;
        rig.TickUntil(SessionState.Notice);
        Assert.Equal(Catalog.Slot(message), Catalog.Slot(rig.M.Context.ErrorId));
        Assert.Contains(Catalog.Text(Language.Ja, message), rig.Screens[^1]);
    }

    [Fact]
    public void Cancelling_while_waiting_for_payment_cancels_the_order_and_ends_the_session()
    {
        var rig = Rig.At(SessionState.Payment);
        rig.Press(Key.Cancel);
        Assert.Equal(SessionState.Idle, rig.State);
        Assert.Contains("CancelOrder O1", rig.Bridge.Calls);
        Assert.Contains("EndSession S1", rig.Bridge.Calls);
    }

    [Fact]
    public void An_unreachable_bridge_when_ordering_retries_with_the_same_idempotency_key()
    {
        var rig = Rig.At(SessionState.Confirm);
        rig.Bridge.Unreachable = true;
        rig.Press(Key.Enter);
        var orders = rig.Bridge.Calls.Where(c => c.StartsWith("CreateOrder")).ToList();
        Assert.Equal(2, orders.Count);
        Assert.Equal(orders[0], orders[1]);
        Assert.Equal(SessionState.Notice, rig.State);
    }

    [Fact]
    public void Pin_pad_editing_keys_on_a_4x4_pad()
    {
        var rig = Rig.At(SessionState.PinEntry);
        rig.Type("12"); rig.Press(Key.Back);
        Assert.Equal(1, rig.M.PinDigits);
        rig.Type("999"); rig.Press(Key.Clear);
        Assert.Equal(0, rig.M.PinDigits);
        rig.Type("12345");                     // the fifth digit is ignored
        Assert.Equal(4, rig.M.PinDigits);
        rig.Press(Key.Enter);
        Assert.Equal(new[] { "1234" }, rig.Card.PinsReceived);
    }

    [Fact]
    public void Enter_with_an_incomplete_pin_sends_nothing()
    {
        var rig = Rig.At(SessionState.PinEntry);
        rig.Type("12"); rig.Press(Key.Enter);
        Assert.Equal(SessionState.PinEntry, rig.State);
        Assert.Equal(0, rig.Card.VerifyCalls);
    }

    [Fact]
    public void On_a_4x3_pad_cancel_first_clears_the_digits_then_stops()
    {
        var rig = new Rig(setup: r => r.Config.HasEditKeys = false);
        rig.Press(Key.Enter); rig.Press(Key.Enter); rig.Card.InField = true; rig.Tick();
        rig.Type("12");
        rig.Press(Key.Cancel);
        Assert.Equal(SessionState.PinEntry, rig.State);
        Assert.Equal(0, rig.M.PinDigits);
        Assert.DoesNotContain(Catalog.Text(Language.Ja, MessageId.HintFix), rig.Screens[^1]);
        rig.Press(Key.Cancel);
        Assert.Equal(SessionState.Idle, rig.State);
    }

    [Fact]
    public void Keypad_layouts_map_every_position()
    {
        Assert.Equal(Key.Enter, KeypadLayout.At(4, 3, 3));
        Assert.Equal(Key.D0, KeypadLayout.At(4, 3, 1));
        Assert.Equal(Key.Enter, KeypadLayout.At(3, 3, 2));
        Assert.Equal(Key.Cancel, KeypadLayout.At(3, 3, 0));
        Assert.Equal(Key.None, KeypadLayout.At(3, 0, 3));
        var all4 = Enumerable.Range(0, 16).Select(i => KeypadLayout.At(4, i / 4, i % 4)).ToHashSet();
        Assert.Equal(16, all4.Count);
        Assert.Contains(Key.Back, all4);
        Assert.Contains(Key.Clear, all4);
    }

    [Fact]
    public void Language_list_pages_with_zero_and_picks_with_digits()
    {
        var rig = Rig.At(SessionState.Language);
        Assert.Equal(7, rig.M.Screen.ChoiceCount);
        rig.Press(Key.D0);
        Assert.Equal(Catalog.LanguageCount - 7, rig.M.Screen.ChoiceCount);
        rig.Press(Key.D6);                     // 13th language: Thai
        rig.Press(Key.Enter);
        Assert.Equal(Language.Th, rig.M.Context.Language);
        Assert.Equal(SessionState.PlaceCard, rig.State);
    }

    [Fact]
    public void Heartbeats_go_out_every_30_seconds_while_idle()
    {
        var rig = new Rig();
        rig.Tick();
        for (var i = 0; i < 240; i++) rig.Tick();  // 60 s
        Assert.Equal(3, rig.Bridge.Calls.Count(c => c.StartsWith("Heartbeat Idle")));
    }
}
