using Kiosk.Firmware.Core.Hardware;
using Kiosk.Firmware.Core.Session;

namespace Kiosk.Firmware.Core.Tests.Session;

/// <summary>A session machine on fakes, with helpers to reach any resting state and to record every screen shown.</summary>
public sealed class Rig
{
    public readonly ManualClock Clock = new();
    public readonly ScriptedCard Card = new() { InField = false };
    public readonly FakeBridge Bridge = new();
    public readonly ListLog Log = new();
    public readonly FrameDisplay Display = new();
    public readonly SessionConfig Config = new();
    public readonly SessionMachine M;
    public readonly List<string> Screens = new();
    public readonly List<SessionState> Visited = new();

    public Rig(bool render = false, Action<Rig>? setup = null)
    {
        setup?.Invoke(this);
        M = new SessionMachine(new SessionTable(), Config, Card, Bridge, Clock, new CountingRandom(), render ? Display : null, Log);
        M.Start();
        Capture();
    }

    public SessionState State => M.State;

    public void Capture()
    {
        Screens.Add(M.Screen.Describe());
        if (Visited.Count == 0 || Visited[^1] != M.State) Visited.Add(M.State);
    }

    public void Press(Key k) { M.HandleKey(k); Capture(); }

    public void Type(string digits) { foreach (var c in digits) Press(Key.D0 + (c - '0')); }

    public void Tick(int n = 1)
    {
        for (var i = 0; i < n; i++) { Clock.Advance(Config.TickMs); M.Poll(); Capture(); }
    }

    public void TickUntil(SessionState s, int max = 200)
    {
        for (var i = 0; i < max && M.State != s; i++) Tick();
        Assert.Equal(s, M.State);
    }

    /// <summary>States the machine rests in (waits for input, a card or the bridge); the others pass within one event.</summary>
    public static readonly SessionState[] Resting =
    {
        SessionState.Idle, SessionState.Language, SessionState.PlaceCard, SessionState.PinEntry, SessionState.WrongPin,
        SessionState.LastTryWarning, SessionState.RemoveCard, SessionState.ChooseProduct, SessionState.ProductNotice,
        SessionState.ChooseOptions, SessionState.ChooseCopies, SessionState.Confirm, SessionState.Payment, SessionState.Printing,
        SessionState.TakeDocuments, SessionState.Locked, SessionState.Notice,
    };

    /// <summary>Builds a rig and walks it into <paramref name="target"/>.</summary>
    public static Rig At(SessionState target, bool render = false)
    {
        var rig = new Rig(render, r =>
        {
            if (target == SessionState.LastTryWarning) r.Card.Tries = 1;
            if (target == SessionState.Locked) r.Card.Tries = 0;
            if (target == SessionState.Notice) r.Card.NotMyNumber = true;
            if (target == SessionState.Payment) r.Bridge.PollsUntilPaid = 1_000;
            if (target == SessionState.Printing) { r.Bridge.PollsUntilPaid = 1; r.Bridge.PollsUntilPrinted = 1_000; }
        });
        rig.WalkTo(target);
        Assert.Equal(target, rig.State);
        return rig;
    }

    void WalkTo(SessionState target)
    {
        if (target == SessionState.Idle) return;
        Press(Key.Enter);
        if (target == SessionState.Language) return;
        Press(Key.Enter);
        if (target == SessionState.PlaceCard) return;
        Card.InField = true;
        Tick();
        if (target is SessionState.Notice or SessionState.Locked or SessionState.LastTryWarning or SessionState.PinEntry) return;
        if (target == SessionState.WrongPin) { Type("9999"); Press(Key.Enter); return; }
        Type(Card.CorrectPin);
        Press(Key.Enter);
        if (target == SessionState.RemoveCard) return;
        Card.InField = false;
        Tick();
        if (target == SessionState.ChooseProduct) return;
        if (target == SessionState.ProductNotice) { Press(Key.D3); Press(Key.Enter); return; }
        Press(Key.Enter);
        if (target == SessionState.ChooseOptions) return;
        Press(Key.Enter);
        if (target == SessionState.ChooseCopies) return;
        Press(Key.Enter);
        if (target == SessionState.Confirm) return;
        Press(Key.Enter);
        if (target == SessionState.Payment) return;
        TickUntil(target == SessionState.Printing ? SessionState.Printing : SessionState.TakeDocuments);
    }

    /// <summary>True when nothing of the resident is left: no session, certificate, challenge, order, choice or PIN digit.</summary>
    public bool Wiped()
    {
        var c = M.Context;
        return c.SessionId == null && c.Certificate == null && c.Challenge == null && c.OrderId == null && c.Product == null
            && c.Products.Length == 0 && c.PaymentCode == null && M.PinDigits == 0 && c.MunicipalityName == null;
    }
}
