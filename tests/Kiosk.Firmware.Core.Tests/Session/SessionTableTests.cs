using Kiosk.Firmware.Core.Session;

namespace Kiosk.Firmware.Core.Tests.Session;

public class SessionTableTests
{
    static readonly SessionTable Table = new();
    static IEnumerable<SessionState> States => Enum.GetValues<SessionState>();
    static IEnumerable<SessionEvent> Events => Enum.GetValues<SessionEvent>();

    [Fact]
    public void Every_state_and_event_pair_is_either_ignored_or_a_well_formed_row()
    {
        var rows = 0;
        foreach (var s in States)
            foreach (var e in Events)
            {
                var t = Table.Find(s, e);
                if (t == null) continue;
                rows++;
                Assert.Equal(s, t.From);
                Assert.Equal(e, t.On);
                Assert.True(Enum.IsDefined(t.To));
                Assert.NotNull(t.Actions);
                Assert.All(t.Actions, a => Assert.True(Enum.IsDefined(a)));
            }
        Assert.Equal(Table.RowCount, rows);
        Assert.Null(Table.Find(SessionState.Idle, SessionEvent.None));
    }

    [Fact]
    public void Cancel_from_every_state_returns_to_idle_and_wipes()
    {
        foreach (var s in States)
        {
            var t = Table.Find(s, SessionEvent.Cancel);
            Assert.NotNull(t);
            Assert.Equal(SessionState.Idle, t!.To);
            Assert.Contains(SessionAction.Abort, t.Actions);
        }
    }

    [Fact]
    public void Every_state_but_idle_times_out_to_idle_and_wipes()
    {
        foreach (var s in States)
        {
            var t = Table.Find(s, SessionEvent.Timeout);
            if (s == SessionState.Idle) { Assert.Null(t); Assert.Equal(TimeoutKind.None, Table.TimeoutOf(s)); continue; }
            Assert.NotEqual(TimeoutKind.None, Table.TimeoutOf(s));
            Assert.NotNull(t);
            Assert.Equal(SessionState.Idle, t!.To);
            Assert.Contains(SessionAction.Abort, t.Actions);
        }
    }

    [Fact]
    public void Pulling_the_card_is_an_error_while_it_is_needed_and_the_way_on_after_authentication()
    {
        var needed = new[] { SessionState.Reading, SessionState.PinEntry, SessionState.WrongPin, SessionState.LastTryWarning, SessionState.Authenticating };
        foreach (var s in States)
        {
            var t = Table.Find(s, SessionEvent.CardRemoved);
            if (needed.Contains(s))
            {
                Assert.Equal(SessionState.Notice, t!.To);
                Assert.Equal(new[] { SessionAction.NoteCardRemoved, SessionAction.Abort }, t.Actions);
            }
            else if (s == SessionState.RemoveCard) Assert.Equal(SessionState.ChooseProduct, t!.To);
            else Assert.Null(t);
        }
    }

    [Fact]
    public void Losing_the_bridge_ends_every_state_that_holds_a_bridge_session()
    {
        var without = new[] { SessionState.Idle, SessionState.Language, SessionState.PlaceCard, SessionState.TakeDocuments, SessionState.Locked, SessionState.Notice };
        foreach (var s in States)
        {
            var t = Table.Find(s, SessionEvent.BridgeDown);
            if (without.Contains(s)) { Assert.Null(t); continue; }
            Assert.Equal(SessionState.Notice, t!.To);
            Assert.Equal(new[] { SessionAction.NoteBridgeDown, SessionAction.Abort }, t.Actions);
        }
    }

    [Fact]
    public void Every_state_is_reachable_from_idle_and_leads_back_to_it()
    {
        var reach = new HashSet<SessionState> { SessionState.Idle };
        var queue = new Queue<SessionState>(reach);
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            foreach (var e in Events)
            {
                var t = Table.Find(s, e);
                if (t != null && reach.Add(t.To)) queue.Enqueue(t.To);
            }
        }
        Assert.Equal(States.Count(), reach.Count);
        foreach (var s in States) Assert.Equal(SessionState.Idle, Table.Find(s, SessionEvent.Cancel)!.To);
    }

    [Fact]
    public void The_pin_goes_to_the_card_only_from_pin_entry_and_the_flow_waits_for_card_removal()
    {
        foreach (var s in States)
            foreach (var e in Events)
            {
                var t = Table.Find(s, e);
                if (t == null) continue;
                if (t.Actions.Contains(SessionAction.SubmitPin)) Assert.Equal((SessionState.PinEntry, SessionEvent.Enter), (s, e));
                if (t.To == SessionState.ChooseProduct && s != SessionState.ChooseProduct)
                    Assert.Contains(s, new[] { SessionState.RemoveCard, SessionState.ProductNotice, SessionState.ChooseOptions,
                        SessionState.ChooseMembers, SessionState.ChooseYear, SessionState.ChooseCopies });
            }
    }

    [Fact]
    public void Names_match_the_enums()
    {
        foreach (var s in States) Assert.Equal(s.ToString(), SessionNames.Of(s));
        foreach (var e in Events) Assert.Equal(e.ToString(), SessionNames.Of(e));
        foreach (var a in Enum.GetValues<SessionAction>()) Assert.Equal(a.ToString(), SessionNames.Of(a));
        Assert.Equal(Enum.GetValues<SessionAction>().Length, SessionNames.ActionCount);
    }
}
