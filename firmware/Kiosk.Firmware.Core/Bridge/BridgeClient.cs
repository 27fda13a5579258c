using System;
using System.Collections;
using Kiosk.Firmware.Core.Bridge.Http;
using Kiosk.Firmware.Core.Bridge.Json;

namespace Kiosk.Firmware.Core.Bridge
{
    /// <summary>Speaks the kiosk protocol over the <see cref="BridgeLink"/>: builds bodies with <see cref="JsonWriter"/>,
    /// maps 2xx to Ok, problem+json to Problem (by its <c>code</c>), anything else to Unreachable.</summary>
    public sealed class BridgeClient : IBridge
    {
        readonly BridgeLink _link;
        readonly JsonWriter _w = new JsonWriter();
        readonly HttpResponse _response = new HttpResponse();
        static readonly byte[] EmptyObject = new byte[] { (byte)'{', (byte)'}' };

        /// <summary>Creates the client on a link.</summary>
        public BridgeClient(BridgeLink link) { _link = link; }

        /// <summary>The link underneath.</summary>
        public BridgeLink Link { get { return _link; } }

        /// <inheritdoc/>
        public BridgeReply OpenSession() { return Send("POST", "/v1/sessions", null, EmptyObject); }

        /// <inheritdoc/>
        public BridgeReply Authenticate(string sessionId, byte[] certificate, byte[] signature)
        {
            _w.Reset();
            _w.BeginObject()
                .Name("certificate").String(Convert.ToBase64String(certificate))
                .Name("signature").String(Convert.ToBase64String(signature))
                .EndObject();
            return Send("POST", "/v1/sessions/" + sessionId + "/authenticate", null, _w.ToUtf8());
        }

        /// <inheritdoc/>
        public BridgeReply GetProducts(string sessionId) { return Send("GET", "/v1/sessions/" + sessionId + "/products", null, null); }

        /// <inheritdoc/>
        public BridgeReply CreateOrder(string sessionId, string idempotencyKey, string product, string[] options, int optionCount, string[] members,
            int memberCount, int year, int copies)
        {
            _w.Reset();
            _w.BeginObject().Name("product").String(product).Name("options").BeginArray();
            for (int i = 0; i < optionCount; i++) _w.String(options[i]);
            _w.EndArray().Name("members").BeginArray();
            for (int i = 0; i < memberCount; i++) _w.String(members[i]);
            _w.EndArray().Name("copies").Number(copies);
            if (year > 0) _w.Name("year").Number(year);
            _w.EndObject();
            return Send("POST", "/v1/sessions/" + sessionId + "/orders", idempotencyKey, _w.ToUtf8());
        }

        /// <inheritdoc/>
        public BridgeReply GetOrder(string orderId) { return Send("GET", "/v1/orders/" + orderId, null, null); }

        /// <inheritdoc/>
        public BridgeReply WaitOrder(string orderId, string knownState, int waitMs)
        {
            string path = "/v1/orders/" + orderId + "?wait=" + waitMs.ToString();
            return Send("GET", path + "&state=" + knownState, null, null);
        }

        /// <inheritdoc/>
        public BridgeReply CancelOrder(string orderId) { return Send("POST", "/v1/orders/" + orderId + "/cancel", null, EmptyObject); }

        /// <inheritdoc/>
        public BridgeReply EndSession(string sessionId) { return Send("DELETE", "/v1/sessions/" + sessionId, null, null); }

        /// <inheritdoc/>
        public BridgeReply Heartbeat(HeartbeatInfo info)
        {
            _w.Reset();
            _w.BeginObject()
                .Name("firmwareVersion").String(info.FirmwareVersion)
                .Name("appVersion").String(info.AppVersion)
                .Name("freeHeap").Number(info.FreeHeap)
                .Name("largestFreeBlock").Number(info.LargestFreeBlock)
                .Name("readerState").String(info.ReaderState)
                .Name("printerState").String(info.PrinterState)
                .Name("uptimeSeconds").Number(info.UptimeSeconds)
                .Name("state").String(info.State)
                .EndObject();
            return Send("POST", "/v1/heartbeat", null, _w.ToUtf8());
        }

        BridgeReply Send(string method, string path, string? idempotencyKey, byte[]? body)
        {
            if (!_link.Exchange(method, path, idempotencyKey, body, body == null ? 0 : body.Length, _response))
                return BridgeReply.Unreachable();
            Hashtable? parsed = null;
            if (_response.BodyLength > 0)
            {
                try { parsed = JsonReader.Parse(_response.Body, 0, _response.BodyLength) as Hashtable; }
                catch (JsonException) { parsed = null; }
            }
            int status = _response.Status;
            if (status >= 200 && status < 300)
            {
                if (parsed == null && status != 204) return new BridgeReply(BridgeOutcome.Unreachable, status, null, null);
                return new BridgeReply(BridgeOutcome.Ok, status, null, parsed);
            }
            string? code = Json.Json.Str(parsed, "code");
            if (code == null)
            {
                // A proxy's error page or a bare status: treat as the bridge being unavailable.
                return new BridgeReply(BridgeOutcome.Unreachable, status, null, parsed);
            }
            return new BridgeReply(BridgeOutcome.Problem, status, code, parsed);
        }
    }
}
