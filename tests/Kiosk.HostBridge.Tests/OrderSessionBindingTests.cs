using Kiosk.HostBridge.Orders;
using Kiosk.HostBridge.Sessions;

namespace Kiosk.HostBridge.Tests;

/// <summary>The binding rule that both the issue step and the print gate apply: each way an order can lose its session gives its reason.</summary>
public sealed class OrderSessionBindingTests
{
    private const long Now = 1_800_000_000_000;

    private static OrderRow Order() => new()
    {
        OrderId = "o1", SessionId = "s1", DeviceId = "d1", StoreId = "st1", SerialHash = "card-a", State = OrderStates.Issuing, DeadlineAt = Now + 60_000,
    };

    private static SessionRow Session() => new()
    {
        SessionId = "s1", DeviceId = "d1", StoreId = "st1", State = SessionStates.Authenticated, SerialHash = "card-a", ExpiresAt = Now + 1,
    };

    /// <summary>The rule's answer for a session changed by <paramref name="change"/>.</summary>
    private static string? ProblemWith(Action<SessionRow> change)
    {
        var session = Session();
        change(session);
        return OrderSessionBinding.Problem(Order(), session, Now);
    }

    [Fact]
    public void A_live_session_of_the_same_terminal_and_card_is_bound() => Assert.Null(OrderSessionBinding.Problem(Order(), Session(), Now));

    [Theory]
    [InlineData(SessionStates.Open)]
    [InlineData(SessionStates.Closed)]
    [InlineData(SessionStates.Expired)]
    public void A_session_no_longer_authenticated_has_ended(string state)
        => Assert.Equal(OrderReasons.SessionEnded, ProblemWith(s => s.State = state));

    [Fact]
    public void No_session_or_another_session_has_ended()
    {
        Assert.Equal(OrderReasons.SessionEnded, OrderSessionBinding.Problem(Order(), null, Now));
        Assert.Equal(OrderReasons.SessionEnded, ProblemWith(s => s.SessionId = "s2"));
    }

    [Fact]
    public void Another_terminal_or_another_card_is_a_mismatch()
    {
        Assert.Equal(OrderReasons.BindingMismatch, ProblemWith(s => s.DeviceId = "d2"));
        Assert.Equal(OrderReasons.BindingMismatch, ProblemWith(s => s.SerialHash = "card-b"));
    }

    [Fact]
    public void A_session_at_or_past_its_expiry_has_timed_out()
    {
        Assert.Equal(OrderReasons.Timeout, ProblemWith(s => s.ExpiresAt = Now));
        Assert.Null(ProblemWith(s => s.ExpiresAt = Now + 1));
    }
}
