namespace Kiosk.Firmware.Core.Bridge
{
    /// <summary>The kiosk protocol (docs/kiosk-protocol.md) as calls. No call takes a PIN: it never leaves the card's side.</summary>
    public interface IBridge
    {
        /// <summary>POST /v1/sessions → sessionId, challenge (base64), expiresAt, ttlSeconds.</summary>
        BridgeReply OpenSession();

        /// <summary>POST /v1/sessions/{sid}/authenticate with the card's auth certificate and signature.</summary>
        BridgeReply Authenticate(string sessionId, byte[] certificate, byte[] signature);

        /// <summary>GET /v1/sessions/{sid}/products.</summary>
        BridgeReply GetProducts(string sessionId);

        /// <summary>POST /v1/sessions/{sid}/orders with an Idempotency-Key; <paramref name="year"/> 0 sends no year.</summary>
        BridgeReply CreateOrder(string sessionId, string idempotencyKey, string product, string[] options, int optionCount, string[] members,
            int memberCount, int year, int copies);

        /// <summary>GET /v1/orders/{oid}.</summary>
        BridgeReply GetOrder(string orderId);

        /// <summary>GET /v1/orders/{oid}?wait=ms&amp;state=known: the bridge answers as soon as the order's state is no longer
        /// <paramref name="knownState"/>, or with that same state once <paramref name="waitMs"/> has passed (long poll).</summary>
        BridgeReply WaitOrder(string orderId, string knownState, int waitMs);

        /// <summary>POST /v1/orders/{oid}/cancel.</summary>
        BridgeReply CancelOrder(string orderId);

        /// <summary>DELETE /v1/sessions/{sid}.</summary>
        BridgeReply EndSession(string sessionId);

        /// <summary>POST /v1/heartbeat.</summary>
        BridgeReply Heartbeat(HeartbeatInfo info);
    }
}
