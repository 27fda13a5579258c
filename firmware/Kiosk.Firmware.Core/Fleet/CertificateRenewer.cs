using System;
using System.Collections;
using Kiosk.Firmware.Core.Bridge;
using Kiosk.Firmware.Core.Bridge.Http;
using Kiosk.Firmware.Core.Bridge.Json;
using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Core.Fleet
{
    /// <summary>
    /// Keeps the device certificate valid over the terminal's one mTLS connection: asks the bridge (<c>GET /v1/certificate</c>)
    /// whether to renew (inside the window, or flagged by an admin), and when so asks for a new certificate for the same key
    /// (<c>POST /v1/certificate/renew</c>), stores it, and drops the link so the next connection presents it. Run it from the
    /// main loop while idle: it shares the link with the session, which is not thread-safe.
    /// </summary>
    public sealed class CertificateRenewer
    {
        static readonly byte[] EmptyObject = new byte[] { (byte)'{', (byte)'}' };

        readonly BridgeLink _link;
        readonly IDeviceCredentialStore _store;
        readonly IClock _clock;
        readonly int _intervalMs;
        readonly HttpResponse _response = new HttpResponse();
        long _lastCheck = -1;

        /// <summary>Creates the renewer; <paramref name="intervalMs"/> is the time between checks (a day on the device).</summary>
        public CertificateRenewer(BridgeLink link, IDeviceCredentialStore store, IClock clock, int intervalMs)
        {
            _link = link;
            _store = store;
            _clock = clock;
            _intervalMs = intervalMs;
        }

        /// <summary>Why the bridge said the certificate is due ("expiring", "flagged"), or what went wrong; null before any check.</summary>
        public string? LastReason { get; private set; }

        /// <summary>Checks when an interval has passed since the last check; otherwise <see cref="RenewalResult.Skipped"/>.</summary>
        public RenewalResult Poll()
        {
            long now = _clock.MonotonicMs;
            if (_lastCheck >= 0 && now - _lastCheck < _intervalMs) return RenewalResult.Skipped;
            return CheckNow();
        }

        /// <summary>Checks now, and renews when the bridge says so.</summary>
        public RenewalResult CheckNow()
        {
            _lastCheck = _clock.MonotonicMs;
            Hashtable? status;
            RenewalResult failure = Call("GET", "/v1/certificate", null, out status);
            if (status == null) return failure;
            if (!Json.Bool(status, "due", false))
            {
                LastReason = Json.Str(status, "reason");
                return RenewalResult.NotDue;
            }
            Hashtable? renewed;
            failure = Call("POST", "/v1/certificate/renew", EmptyObject, out renewed);
            if (renewed == null) return failure;
            string? pem = Json.Str(renewed, "certificate");
            string? serial = Json.Str(renewed, "serial");
            if (!Json.Bool(renewed, "renewed", false))
            {
                // Raced with another check, or the issuer is down: nothing changed, the next check asks again.
                LastReason = Json.Str(renewed, "reason");
                return RenewalResult.NotDue;
            }
            if (pem == null || serial == null || pem.IndexOf("-----BEGIN CERTIFICATE-----") < 0)
            {
                LastReason = "renewal answer without a certificate";
                return RenewalResult.BadAnswer;
            }
            if (!_store.StoreCertificate(pem, serial))
            {
                // The old certificate stays valid until the new one is first used, so keeping it loses nothing.
                LastReason = "could not store the renewed certificate";
                return RenewalResult.StoreFailed;
            }
            LastReason = "renewed to " + serial;
            _link.Drop();
            return RenewalResult.Renewed;
        }

        RenewalResult Call(string method, string path, byte[]? body, out Hashtable? parsed)
        {
            parsed = null;
            if (!_link.Exchange(method, path, null, body, body == null ? 0 : body.Length, _response))
            {
                LastReason = "bridge unreachable";
                return RenewalResult.Unreachable;
            }
            Hashtable? o = null;
            if (_response.BodyLength > 0)
            {
                try { o = JsonReader.Parse(_response.Body, 0, _response.BodyLength) as Hashtable; }
                catch (JsonException) { o = null; }
            }
            if (_response.Status < 200 || _response.Status >= 300)
            {
                string? code = Json.Str(o, "code");
                LastReason = code == null ? "bridge answered " + _response.Status.ToString() : code;
                return code == null ? RenewalResult.Unreachable : RenewalResult.Refused;
            }
            if (o == null)
            {
                LastReason = "unreadable certificate status";
                return RenewalResult.BadAnswer;
            }
            parsed = o;
            return RenewalResult.Renewed;
        }
    }
}
