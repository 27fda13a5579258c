using System;
using System.IO;
using Kiosk.Firmware.Core.Bridge.Http;
using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Core.Bridge
{
    /// <summary>The one long-lived connection to the bridge: connects on demand, keeps it alive across requests,
    /// and after a failure waits with exponential backoff before connecting again (the device cannot afford two TLS sessions).</summary>
    public sealed class BridgeLink
    {
        /// <summary>First wait after a failed connect.</summary>
        public const int MinBackoffMs = 1000;
        /// <summary>Longest wait between connect attempts.</summary>
        public const int MaxBackoffMs = 60000;

        readonly IStreamFactory _factory;
        readonly IClock _clock;
        readonly string _host;
        Stream? _stream;
        HttpConnection? _http;
        bool _reused;
        long _nextAttemptMs;
        int _backoffMs = MinBackoffMs;

        /// <summary>Creates the link; nothing connects until the first request.</summary>
        public BridgeLink(IStreamFactory factory, IClock clock, string host)
        {
            _factory = factory;
            _clock = clock;
            _host = host;
        }

        /// <summary>True while a connection is open.</summary>
        public bool IsConnected { get { return _stream != null; } }

        /// <summary>Connections opened so far (for diagnostics and tests).</summary>
        public int ConnectCount { get; private set; }

        /// <summary>Sends one request; false when the bridge could not be reached (the response is then undefined).</summary>
        public bool Exchange(string method, string path, string? idempotencyKey, byte[]? body, int bodyLength, HttpResponse response)
        {
            return Exchange(method, path, idempotencyKey, null, body, bodyLength, response);
        }

        /// <summary>Sends one request with one extra header line (for example <c>Range: bytes=0-8191</c>); false when the bridge could not be reached.</summary>
        public bool Exchange(string method, string path, string? idempotencyKey, string? extraHeader, byte[]? body, int bodyLength, HttpResponse response)
        {
            for (int attempt = 0; attempt < 2; attempt++)
            {
                if (_http == null && !Connect()) return false;
                bool reused = _reused;
                try
                {
                    _http!.Exchange(method, path, idempotencyKey, extraHeader, body, bodyLength, response);
                    _reused = true;
                    if (!response.KeepAlive) Drop();
                    return true;
                }
                catch (Exception)
                {
                    // A kept-alive connection the server already closed fails before any answer: retry once on a fresh one.
                    int answered = _http == null ? 0 : _http.ResponseBytesRead;
                    Drop();
                    if (!reused || answered > 0) { Backoff(); return false; }
                }
            }
            return false;
        }

        /// <summary>Closes the connection (kept for the next request otherwise).</summary>
        public void Drop()
        {
            Stream? s = _stream;
            _stream = null;
            _http = null;
            _reused = false;
            if (s != null)
            {
                try { s.Close(); } catch (Exception) { }
            }
        }

        bool Connect()
        {
            if (_clock.MonotonicMs < _nextAttemptMs) return false;
            Stream? s = null;
            try { s = _factory.Connect(); }
            catch (Exception) { s = null; }
            if (s == null) { Backoff(); return false; }
            _stream = s;
            _http = new HttpConnection(s, _host);
            _reused = false;
            _backoffMs = MinBackoffMs;
            _nextAttemptMs = 0;
            ConnectCount++;
            return true;
        }

        void Backoff()
        {
            _nextAttemptMs = _clock.MonotonicMs + _backoffMs;
            _backoffMs = _backoffMs >= MaxBackoffMs / 2 ? MaxBackoffMs : _backoffMs * 2;
        }
    }
}
