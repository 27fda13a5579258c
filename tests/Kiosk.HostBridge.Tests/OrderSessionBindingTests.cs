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

    [Fact]
    public void A_live_session_of_the_same_terminal_and_card_is_bound() => Assert.Null(OrderSessionBinding.Problem(Order(), Session(), Now));

    [Theory]
    [InlineData(SessionStates.Open)]
    [InlineData(SessionStates.Closed)]
    [InlineData(SessionStates.Expired)]
    public void A_session_no_longer_authenticated_has_ended(string state)
    {
        var session = Session();
        session.State = state;
        Assert.Equal(OrderReasons.SessionEnded, OrderSessionBinding.Problem(Order(), session, Now));
    }

    [Fact]
    public void No_session_or_another_session_has_ended()
    {
        Assert.Equal(OrderReasons.SessionEnded, OrderSessionBinding.Problem(Order(), null, Now));
        var other = Session();
        other.SessionId = "s2";
        Assert.Equal(OrderReasons.SessionEnded, OrderSessionBinding.Problem(Order(), other, Now));
    }

    [Fact]
    public void Another_terminal_or_another_card_is_a_mismatch()
    {
        var device = Session();
        device.DeviceId = "d2";
        Assert.Equal(OrderReasons.BindingMismatch, OrderSessionBinding.Problem(Order(), device, Now));
        var card = Session();
        card.SerialHash = "card-b";
        Assert.Equal(OrderReasons.BindingMismatch, OrderSessionBinding.Problem(Order(), card, Now));
    }

    [Fact]
    public void A_session_past_its_expiry_has_timed_out()
    {
        Assert.Equal(OrderReasons.Timeout, OrderSessionBinding.Problem(Order(), Session(), Now + 1));
        Assert.Null(OrderSessionBinding.Problem(Order(), Session(), Now));
    }
}
