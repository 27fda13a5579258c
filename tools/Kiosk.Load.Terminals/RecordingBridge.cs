using System.Diagnostics;
using Kiosk.Firmware.Core.Bridge;
using Kiosk.Firmware.Core.Bridge.Json;

namespace Kiosk.Load.Terminals;

/// <summary>The core's bridge client with a stopwatch around each call, noting the session, order and last order state the
/// bridge answered, so the driver can tell what happened even after the core has wiped its context.</summary>
internal sealed class RecordingBridge(IBridge inner, LatencyLog latencies) : IBridge
{
    public string? SessionId;
    public string? OrderId;
    public string? PaymentCode;
    public string? OrderState;
    public string? OrderReason;
    public string? LastProblem;

    public void Reset()
    {
        SessionId = OrderId = PaymentCode = OrderState = OrderReason = LastProblem = null;
    }

    public BridgeReply OpenSession()
    {
        var r = Time("open", () => inner.OpenSession());
        if (r.IsOk) SessionId = Json.Str(r.Body, "sessionId");
        return r;
    }

    public BridgeReply Authenticate(string sessionId, byte[] certificate, byte[] signature) =>
        Time("authenticate", () => inner.Authenticate(sessionId, certificate, signature));

    public BridgeReply GetProducts(string sessionId) => Time("products", () => inner.GetProducts(sessionId));

    public BridgeReply CreateOrder(string sessionId, string idempotencyKey, string product, string[] options, int optionCount, string[] members,
        int memberCount, int year, int copies)
    {
        var r = Time("order", () => inner.CreateOrder(sessionId, idempotencyKey, product, options, optionCount, members, memberCount, year, copies));
        if (r.IsOk)
        {
            OrderId = Json.Str(r.Body, "orderId");
            PaymentCode = Json.Str(r.Body, "paymentCode");
            OrderState = Json.Str(r.Body, "state");
        }
        return r;
    }

    public BridgeReply GetOrder(string orderId)
    {
        var r = Time("poll", () => inner.GetOrder(orderId));
        if (r.IsOk)
        {
            OrderState = Json.Str(r.Body, "state");
            OrderReason = Json.Str(r.Body, "reason");
        }
        return r;
    }

    // A long poll's latency is mostly the wait itself, so it is logged apart from the plain requests.
    public BridgeReply WaitOrder(string orderId, string knownState, int waitMs)
    {
        var r = Time("poll-wait", () => inner.WaitOrder(orderId, knownState, waitMs));
        if (r.IsOk)
        {
            OrderState = Json.Str(r.Body, "state");
            OrderReason = Json.Str(r.Body, "reason");
        }
        return r;
    }

    public BridgeReply CancelOrder(string orderId) => Time("cancel", () => inner.CancelOrder(orderId));

    public BridgeReply EndSession(string sessionId) => Time("end", () => inner.EndSession(sessionId));

    public BridgeReply Heartbeat(HeartbeatInfo info) => Time("heartbeat", () => inner.Heartbeat(info));

    private BridgeReply Time(string call, Func<BridgeReply> send)
    {
        long start = Stopwatch.GetTimestamp();
        var r = send();
        latencies.Add(call, Stopwatch.GetElapsedTime(start).TotalMilliseconds, r.Outcome != BridgeOutcome.Unreachable);
        if (!r.IsOk) LastProblem = r.Outcome == BridgeOutcome.Unreachable ? "unreachable" : r.ProblemCode ?? ("http-" + r.Status);
        return r;
    }
}
