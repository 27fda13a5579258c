using System.Collections;
using System.Text;
using Kiosk.Firmware.Core.Bridge;
using Kiosk.Firmware.Core.Card;
using Kiosk.Firmware.Core.Hardware;
using Kiosk.Firmware.Core.Session;

namespace Kiosk.Firmware.Core.Tests.Session;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock : IClock
{
    public long MonotonicMs { get; set; } = 1_000;
    public DateTime UtcNow => new DateTime(2026, 11, 22, 3, 0, 0, DateTimeKind.Utc).AddMilliseconds(MonotonicMs);
    public void Advance(long ms) => MonotonicMs += ms;
}

/// <summary>Deterministic bytes.</summary>
public sealed class CountingRandom : IRandomSource
{
    byte _next = 1;
    public void NextBytes(byte[] buffer, int offset, int count) { for (var i = 0; i < count; i++) buffer[offset + i] = _next++; }
}

/// <summary>Collects log lines.</summary>
public sealed class ListLog : ISessionLog
{
    public List<string> Lines { get; } = new();
    public void Write(string line) => Lines.Add(line);
}

/// <summary>Keeps the last frame shown.</summary>
public sealed class FrameDisplay : IDisplay
{
    public byte[]? Last;
    public int Frames;
    public void Show(byte[] frame, int firstRow, int rowCount) { Last = (byte[])frame.Clone(); Frames++; }
}

/// <summary>A scripted My Number Card: correct PIN, tries counter, lock, removal; it remembers how the PIN arrived.</summary>
public sealed class ScriptedCard : IJpkiCard
{
    public string CorrectPin = "1234";
    public int Tries = 3;
    public bool InField = true;
    public bool NotMyNumber;
    public bool RemoveOnSign;
    public bool ThrowOnVerify;
    public int VerifyCalls;
    public int QueryCalls;
    public int Releases;
    public int QueriesBeforeFirstVerify = -1;
    public readonly List<byte[]> PinBuffersSeen = new();
    public readonly List<string> PinsReceived = new();
    public byte[] Certificate = Enumerable.Range(0, 64).Select(i => (byte)(0x30 + i)).ToArray();

    public CardResult Open()
    {
        if (!InField) return new CardResult(CardStatus.NoCard, -1, 0, null!);
        if (NotMyNumber) return new CardResult(CardStatus.NotMyNumberCard, -1, 0x6A82, null!);
        return new CardResult(CardStatus.Ok, -1, 0x9000, null!);
    }

    public bool IsPresent() => InField;

    public CardResult ReadAuthCertificate() =>
        InField ? new CardResult(CardStatus.Ok, -1, 0x9000, (byte[])Certificate.Clone()) : new CardResult(CardStatus.CardRemoved, -1, 0, null!);

    public CardResult QueryPinTriesLeft()
    {
        QueryCalls++;
        if (!InField) return new CardResult(CardStatus.CardRemoved, -1, 0, null!);
        if (Tries == 0) return new CardResult(CardStatus.Locked, 0, 0x6983, null!);
        return new CardResult(CardStatus.Ok, Tries, 0x63C0 | Tries, null!);
    }

    public CardResult VerifyPin(byte[] pin, int offset, int count)
    {
        if (VerifyCalls == 0) QueriesBeforeFirstVerify = QueryCalls;
        VerifyCalls++;
        PinBuffersSeen.Add(pin);
        var typed = Encoding.ASCII.GetString(pin, offset, count);
        PinsReceived.Add(typed);
        if (ThrowOnVerify) throw new IOException("reader fault");
        if (!InField) return new CardResult(CardStatus.CardRemoved, -1, 0, null!);
        if (Tries == 0) return new CardResult(CardStatus.Locked, 0, 0x6983, null!);
        if (typed == CorrectPin) { Tries = 3; return new CardResult(CardStatus.Ok, -1, 0x9000, null!); }
        Tries--;
        return Tries == 0 ? new CardResult(CardStatus.Locked, 0, 0x6983, null!) : new CardResult(CardStatus.WrongPin, Tries, 0x63C0 | Tries, null!);
    }

    public CardResult SignChallenge(byte[] challenge, int offset, int count)
    {
        if (RemoveOnSign) InField = false;
        if (!InField) return new CardResult(CardStatus.CardRemoved, -1, 0, null!);
        var sig = new byte[256];
        for (var i = 0; i < count; i++) sig[i] = (byte)(challenge[offset + i] ^ 0x5A);
        return new CardResult(CardStatus.Ok, -1, 0x9000, sig);
    }

    public void Release() => Releases++;
}

/// <summary>An in-memory bridge following docs/kiosk-protocol.md; every call is recorded as text.</summary>
public sealed class FakeBridge : IBridge
{
    public bool Unreachable;
    public string? AuthProblem;
    public string? OrderProblem;
    public string ProductsJson = DefaultProducts;
    public int PollsUntilPaid = 2;
    public int PollsUntilPrinted = 2;
    public string? FinalFailure;   // e.g. "printer-out-of-paper"
    public string? CancelledWhileAwaiting;   // e.g. "payment-expired": the order ends cancelled before it is paid
    public readonly List<string> Calls = new();
    public int OpenSessions;
    int _polls;
    string? _orderKey;

    public const string DefaultProducts =
        "{\"products\":[" +
        "{\"code\":\"juminhyo\",\"available\":true,\"reason\":null,\"feeYen\":300,\"maxCopies\":5,\"options\":[{\"code\":\"honseki\",\"default\":false},{\"code\":\"relationship\",\"default\":true},{\"code\":\"my-number\",\"default\":false}],\"members\":[]}," +
        "{\"code\":\"inkan\",\"available\":true,\"reason\":null,\"feeYen\":300,\"maxCopies\":3,\"options\":[],\"members\":[]}," +
        "{\"code\":\"koseki-zenbu\",\"available\":false,\"reason\":\"outside-hours\",\"feeYen\":450,\"maxCopies\":3,\"options\":[],\"members\":[]}" +
        "]}";

    static Hashtable Obj(string json) => (Hashtable)Kiosk.Firmware.Core.Bridge.Json.JsonReader.Parse(Encoding.UTF8.GetBytes(json), 0, Encoding.UTF8.GetByteCount(json))!;

    BridgeReply Reply(string call, string json)
    {
        Calls.Add(call);
        if (Unreachable) return BridgeReply.Unreachable();
        return new BridgeReply(BridgeOutcome.Ok, 200, null, Obj(json));
    }

    static BridgeReply Problem(string code, int status) => new(BridgeOutcome.Problem, status, code, null!);

    public BridgeReply OpenSession()
    {
        OpenSessions++;
        return Reply("OpenSession", "{\"sessionId\":\"S1\",\"challenge\":\"" + Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()) + "\",\"expiresAt\":\"2026-11-22T03:10:00Z\",\"ttlSeconds\":600}");
    }

    public BridgeReply Authenticate(string sessionId, byte[] certificate, byte[] signature)
    {
        var r = Reply("Authenticate " + sessionId + " cert=" + Convert.ToBase64String(certificate) + " sig=" + Convert.ToBase64String(signature),
            "{\"municipalityCode\":\"131016\",\"municipalityName\":\"千代田区\",\"receiptCode\":\"R-42\"}");
        if (r.IsOk && AuthProblem != null) return Problem(AuthProblem, 401);
        return r;
    }

    public BridgeReply GetProducts(string sessionId) => Reply("GetProducts " + sessionId, ProductsJson);

    public BridgeReply CreateOrder(string sessionId, string idempotencyKey, string product, string[] options, int optionCount, string[] members,
        int memberCount, int year, int copies)
    {
        var extra = (memberCount > 0 ? " members=" + string.Join(",", members.Take(memberCount)) : "") + (year > 0 ? " year=" + year : "");
        var r = Reply("CreateOrder " + sessionId + " key=" + idempotencyKey + " product=" + product + " options=" + string.Join(",", options.Take(optionCount)) + " copies=" + copies + extra,
            "{\"orderId\":\"O1\",\"state\":\"awaiting-payment\",\"feeYen\":" + (copies * 300) + ",\"paymentCode\":\"PAY-7731\"}");
        if (r.IsOk && OrderProblem != null) return Problem(OrderProblem, 409);
        if (r.IsOk) { _orderKey = idempotencyKey; _polls = 0; }
        return r;
    }

    public string? OrderKey => _orderKey;

    public BridgeReply GetOrder(string orderId) => Poll("GetOrder " + orderId, orderId);

    /// <summary>Answers like GetOrder (as a long poll whose wait ended, when nothing changed); the call records the known state and wait.</summary>
    public BridgeReply WaitOrder(string orderId, string knownState, int waitMs) => Poll("WaitOrder " + orderId + " state=" + knownState + " wait=" + waitMs, orderId);

    BridgeReply Poll(string call, string orderId)
    {
        _polls++;
        string state;
        if (CancelledWhileAwaiting != null && _polls >= 2)
            return Reply("GetOrder " + orderId, "{\"orderId\":\"" + orderId + "\",\"state\":\"cancelled\",\"paymentCode\":\"PAY-7731\",\"reason\":\"" + CancelledWhileAwaiting + "\"}");
        if (_polls < PollsUntilPaid) state = "awaiting-payment";
        else if (_polls < PollsUntilPaid + PollsUntilPrinted) state = "printing";
        else state = FinalFailure != null ? "refunded" : "printed";
        var reason = FinalFailure != null && state == "refunded" ? ",\"reason\":\"" + FinalFailure + "\"" : "";
        return Reply(call, "{\"orderId\":\"" + orderId + "\",\"state\":\"" + state + "\",\"paymentCode\":\"PAY-7731\"" + reason + "}");
    }

    public BridgeReply CancelOrder(string orderId) => Reply("CancelOrder " + orderId, "{\"orderId\":\"" + orderId + "\",\"state\":\"cancelled\"}");

    public BridgeReply EndSession(string sessionId)
    {
        Calls.Add("EndSession " + sessionId);
        return Unreachable ? BridgeReply.Unreachable() : new BridgeReply(BridgeOutcome.Ok, 204, null, null!);
    }

    public BridgeReply Heartbeat(HeartbeatInfo info) => Reply("Heartbeat " + info.State, "{\"serverTime\":\"2026-11-22T03:00:00Z\"}");
}
