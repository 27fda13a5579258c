using Kiosk.Firmware.Core.Session;
using Kiosk.Firmware.Core.Ui.Messages;

namespace Kiosk.Firmware.Core.Tests.Session;

/// <summary>The session machine polls its order with the bridge's long poll (wait + the state it knows), follows a change at
/// once, keeps its pacing when nothing changed, falls back to plain polls with a wait of 0, and still notices a bridge that is gone.</summary>
public class OrderLongPollTests
{
    [Fact]
    public void Order_polls_carry_the_known_state_and_the_configured_wait()
    {
        var rig = AtPayment();
        rig.TickUntil(SessionState.TakeDocuments, 400);
        var polls = rig.Bridge.Calls.Where(c => c.StartsWith("WaitOrder") || c.StartsWith("GetOrder")).ToList();
        // FakeBridge: awaiting-payment on the first poll, printing on the next two, printed on the fourth.
        Assert.Equal(new[]
        {
            "WaitOrder O1 state=awaiting-payment wait=1000", "WaitOrder O1 state=awaiting-payment wait=1000",
            "WaitOrder O1 state=printing wait=1000", "WaitOrder O1 state=printing wait=1000",
        }, polls);
    }

    [Fact]
    public void A_changed_answer_is_followed_by_the_next_poll_at_once_and_an_unchanged_one_keeps_the_pacing()
    {
        var rig = AtPayment();
        var pollsPerTick = new List<int>();
        for (var i = 0; i < 12 && rig.State != SessionState.TakeDocuments; i++)
        {
            var before = CountPolls(rig);
            rig.Tick();
            pollsPerTick.Add(CountPolls(rig) - before);
        }
        // Tick = 250 ms, pacing = 1000 ms: awaiting-payment (unchanged) → 3 quiet ticks → printing (changed) → at once printing
        // (unchanged) → 3 quiet ticks → printed.
        Assert.Equal(new[] { 1, 0, 0, 0, 1, 1, 0, 0, 0, 1 }, pollsPerTick);
        Assert.Equal(SessionState.TakeDocuments, rig.State);
    }

    [Fact]
    public void A_wait_of_zero_polls_plainly()
    {
        var rig = AtPayment();
        rig.Config.OrderWaitMs = 0;
        rig.TickUntil(SessionState.TakeDocuments, 400);
        Assert.DoesNotContain(rig.Bridge.Calls, c => c.StartsWith("WaitOrder"));
        Assert.Equal(4, rig.Bridge.Calls.Count(c => c.StartsWith("GetOrder")));
    }

    [Fact]
    public void Long_polls_that_fail_still_count_as_misses_until_the_bridge_is_gone()
    {
        var rig = Rig.At(SessionState.Payment);
        rig.Bridge.Unreachable = true;
        rig.TickUntil(SessionState.Notice, 400);
        Assert.Equal(SessionState.Notice, rig.State);
        Assert.Equal(MessageId.ErrorBridge, rig.M.Context.ErrorId);
        Assert.Equal(rig.Config.OrderPollMisses, rig.Bridge.Calls.Count(c => c.StartsWith("WaitOrder")));
        Assert.True(rig.Wiped());
    }

    static Rig AtPayment()
    {
        var rig = Rig.At(SessionState.Payment);
        rig.Bridge.PollsUntilPaid = 2;
        return rig;
    }

    static int CountPolls(Rig rig) => rig.Bridge.Calls.Count(c => c.StartsWith("WaitOrder") || c.StartsWith("GetOrder"));
}
