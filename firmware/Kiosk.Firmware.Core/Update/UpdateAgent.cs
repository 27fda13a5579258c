using System;
using System.Collections;
using Kiosk.Firmware.Core.Bridge;
using Kiosk.Firmware.Core.Bridge.Http;
using Kiosk.Firmware.Core.Bridge.Json;
using Kiosk.Firmware.Core.Crypto;
using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Core.Update
{
    /// <summary>
    /// Pulls application bundles over the terminal's one mTLS link (docs/kiosk-protocol.md "Updates"): asks <c>GET /v1/updates</c> when the
    /// terminal is idle, downloads one chunk per step into the staging slot with Range requests (a dropped connection resumes where the slot
    /// ends), reads the slot back and checks size and SHA-256 before anything switches, and reports every outcome. A switched bundle is on
    /// trial until it reaches the bridge and passes the self-check; a bundle that fails the check, or never confirms within
    /// <see cref="MaxTrialBoots"/> boots, is rolled back and the failure reported.
    /// </summary>
    public sealed class UpdateAgent
    {
        const string Hex = "0123456789abcdef";
        readonly BridgeLink _link;
        readonly IAppImageStore _store;
        readonly IUpdateSelfCheck _selfCheck;
        readonly IClock _clock;
        readonly HttpResponse _response = new HttpResponse();
        readonly JsonWriter _w = new JsonWriter();
        readonly Sha256 _sha = new Sha256();
        readonly byte[] _digest = new byte[Sha256.HashLength];
        byte[] _buffer;
        long _nextCheckMs;
        string? _url;

        /// <summary>Bytes asked for per download step (small: a no-PSRAM ESP32 fails TLS reads of large bodies).</summary>
        public int ChunkBytes = 8192;
        /// <summary>Time between update checks while nothing is offered.</summary>
        public int CheckIntervalMs = 15 * 60 * 1000;
        /// <summary>Boots a switched bundle gets to confirm itself before it is rolled back.</summary>
        public int MaxTrialBoots = 3;

        /// <summary>Creates the agent; call <see cref="OnBoot"/> once before the first <see cref="Step"/>.</summary>
        public UpdateAgent(BridgeLink link, IAppImageStore store, IUpdateSelfCheck selfCheck, IClock clock)
        {
            _link = link;
            _store = store;
            _selfCheck = selfCheck;
            _clock = clock;
            _buffer = new byte[ChunkBytes];
        }

        /// <summary>Where the agent is.</summary>
        public UpdateAgentState State { get; private set; }

        /// <summary>What the agent did last (for the technician's log), never personal data.</summary>
        public string LastEvent { get; private set; } = "started";

        /// <summary>
        /// Runs at boot before the application starts: a bundle still on trial after <see cref="MaxTrialBoots"/> boots (it crashed or hung before
        /// confirming) is rolled back here and the failure kept for reporting.
        /// </summary>
        public void OnBoot()
        {
            if (!_store.OnTrial) return;
            int boots = _store.NoteTrialBoot();
            if (boots <= MaxTrialBoots) { LastEvent = "trial boot " + boots.ToString() + " of " + _store.CurrentVersion; return; }
            string failed = _store.CurrentVersion;
            if (_store.RollBack())
            {
                _store.SetReport(failed, false, UpdateReasons.NotConfirmed);
                LastEvent = "rolled back from " + failed + " (not confirmed)";
            }
        }

        /// <summary>
        /// One step of work, only while <paramref name="terminalIdle"/> (never during a resident's session): confirm a bundle on trial, send a
        /// kept report, download one chunk, verify and switch, or ask for an update when due. Returns true when it did something.
        /// </summary>
        public bool Step(bool terminalIdle)
        {
            if (!terminalIdle || State == UpdateAgentState.RestartNeeded) return false;
            if (_store.OnTrial) return ConfirmTrial();
            if (_store.ReportVersion != null) return SendReport();
            if (State == UpdateAgentState.Downloading) return DownloadStep();
            if (_clock.MonotonicMs < _nextCheckMs) return false;
            return Check();
        }

        /// <summary>Asks for an update at the next step, whatever the interval (after a restart, or from the technician's menu).</summary>
        public void CheckSoon() { _nextCheckMs = 0; }

        bool ConfirmTrial()
        {
            string version = _store.CurrentVersion;
            // Reaching the bridge over mTLS is part of the proof: a bundle that cannot talk to it is no good.
            if (!_link.Exchange("GET", CheckPath(version), null, null, 0, _response) || _response.Status < 200 || _response.Status > 299)
            {
                LastEvent = "trial: bridge not reached";
                return true;
            }
            if (_selfCheck.Passes())
            {
                _store.Confirm();
                _store.SetReport(version, true, null);
                LastEvent = "confirmed " + version;
            }
            else if (_store.RollBack())
            {
                _store.SetReport(version, false, UpdateReasons.SelfCheckFailed);
                State = UpdateAgentState.RestartNeeded;
                LastEvent = "self-check failed: back to " + _store.CurrentVersion;
            }
            return true;
        }

        bool SendReport()
        {
            _w.Reset();
            _w.BeginObject().Name("version").String(_store.ReportVersion).Name("outcome").String(_store.ReportSucceeded ? "succeeded" : "failed");
            if (_store.ReportReason != null) _w.Name("reason").String(_store.ReportReason);
            _w.EndObject();
            byte[] body = _w.ToUtf8();
            if (!_link.Exchange("POST", "/v1/updates/report", null, body, body.Length, _response) || _response.Status >= 500) return true;
            // Answered (2xx, or a 4xx that retrying cannot change): the bridge has what it can take.
            LastEvent = "reported " + _store.ReportVersion + (_store.ReportSucceeded ? " succeeded" : " failed");
            _store.ClearReport();
            return true;
        }

        bool Check()
        {
            _nextCheckMs = _clock.MonotonicMs + CheckIntervalMs;
            if (!_link.Exchange("GET", CheckPath(_store.CurrentVersion), null, null, 0, _response) || _response.Status != 200) return true;
            Hashtable? offer;
            try { offer = JsonReader.Parse(_response.Body, 0, _response.BodyLength) as Hashtable; }
            catch (JsonException) { return true; }
            string? action = Json.Str(offer, "action");
            if (action == "install") return Install(offer!);
            if (action == "rollback") return GoBack(offer!);
            int retry = Json.Int(offer, "retryAfterSeconds", 0);
            if (retry > 0 && retry < CheckIntervalMs / 1000) _nextCheckMs = _clock.MonotonicMs + (long)retry * 1000;
            LastEvent = "no update: " + Json.Str(offer, "reason");
            return true;
        }

        bool Install(Hashtable offer)
        {
            string? version = Json.Str(offer, "version");
            int size = Json.Int(offer, "size", -1);
            string? sha = Json.Str(offer, "sha256");
            string? url = Json.Str(offer, "url");
            if (version == null || version.Length == 0 || version.Length > 64 || sha == null || !IsHexDigest(sha) || url == null
                || !url.StartsWith("/v1/updates/bundles/") || size <= 0)
            {
                if (version != null && version.Length > 0 && version.Length <= 64) _store.SetReport(version, false, UpdateReasons.BadOffer);
                return true;
            }
            // Already running it (a report still on its way, or a repeated offer): nothing to fetch.
            if (version == _store.CurrentVersion) return true;
            if (size > _store.SlotCapacity) { _store.SetReport(version, false, UpdateReasons.TooLarge); return true; }
            bool resume = _store.StagedVersion == version && _store.StagedSha256 == sha && _store.StagedSize == size && _store.StagedLength <= size;
            if (!resume && !_store.BeginStaged(version, size, sha)) { _store.SetReport(version, false, UpdateReasons.StageFailed); return true; }
            _url = url;
            State = UpdateAgentState.Downloading;
            LastEvent = (resume ? "resuming " : "downloading ") + version;
            return true;
        }

        bool GoBack(Hashtable offer)
        {
            string? version = Json.Str(offer, "version");
            if (version == null) return true;
            if (_store.PreviousVersion == version && _store.RollBack())
            {
                _store.SetReport(version, true, UpdateReasons.RolledBack);
                State = UpdateAgentState.RestartNeeded;
                LastEvent = "rolled back to " + version;
                return true;
            }
            // The previous bundle is no longer kept here: fetch it like any other, if the bridge has it.
            if (Json.Str(offer, "url") != null) return Install(offer);
            _store.SetReport(version, false, UpdateReasons.NoPrevious);
            return true;
        }

        bool DownloadStep()
        {
            int from = _store.StagedLength;
            int size = _store.StagedSize;
            if (from >= size) return VerifyAndSwitch();
            int to = from + ChunkBytes;
            if (to > size) to = size;
            string range = "Range: bytes=" + from.ToString() + "-" + (to - 1).ToString();
            // A dropped connection leaves the slot as it was: the next step asks again from the slot's end.
            if (!_link.Exchange("GET", _url!, null, range, null, 0, _response)) { LastEvent = "download interrupted at " + from.ToString(); return true; }
            int status = _response.Status;
            if (status == 416 || (status == 206 && _response.BodyLength == 0) || (status == 206 && _response.BodyLength > to - from)
                || (status == 200 && (from != 0 || _response.BodyLength != size)))
            {
                // The bridge's copy is shorter or longer than announced.
                return Fail(UpdateReasons.SizeMismatch);
            }
            if (status == 404 || status == 410)
            {
                // Offer withdrawn (paused or aborted): keep what is staged, ask again later.
                State = UpdateAgentState.Idle;
                LastEvent = "offer withdrawn";
                return true;
            }
            if (status != 200 && status != 206) { LastEvent = "download refused: " + status.ToString(); return true; }
            if (!_store.WriteStaged(_response.Body, 0, _response.BodyLength)) return Fail(UpdateReasons.StageFailed);
            return true;
        }

        bool VerifyAndSwitch()
        {
            string version = _store.StagedVersion!;
            if (_store.StagedLength != _store.StagedSize) return Fail(UpdateReasons.SizeMismatch);
            // Hash what the slot holds, read back, not what came over the wire: a flash write error shows here too.
            _sha.Reset();
            int position = 0;
            while (position < _store.StagedLength)
            {
                int n = _store.ReadStaged(position, _buffer, 0, _buffer.Length);
                if (n <= 0) return Fail(UpdateReasons.SizeMismatch);
                _sha.Update(_buffer, 0, n);
                position += n;
            }
            _sha.Final(_digest, 0);
            if (!DigestEquals(_digest, _store.StagedSha256!)) return Fail(UpdateReasons.DigestMismatch);
            if (!_store.CommitStaged()) return Fail(UpdateReasons.SwitchFailed);
            State = UpdateAgentState.RestartNeeded;
            LastEvent = "switched to " + version + " (on trial)";
            return true;
        }

        bool Fail(string reason)
        {
            string? version = _store.StagedVersion;
            _store.DiscardStaged();
            if (version != null) _store.SetReport(version, false, reason);
            State = UpdateAgentState.Idle;
            LastEvent = "update refused: " + reason;
            return true;
        }

        static string CheckPath(string current)
        {
            // Versions are short codes (letters, digits, . - _ +); '+' would read as a space in a query, so it is escaped.
            var b = new System.Text.StringBuilder("/v1/updates?current=");
            for (int i = 0; i < current.Length; i++)
            {
                if (current[i] == '+') b.Append("%2B");
                else b.Append(current[i]);
            }
            return b.ToString();
        }

        static bool IsHexDigest(string s)
        {
            if (s.Length != Sha256.HashLength * 2) return false;
            for (int i = 0; i < s.Length; i++)
            {
                if (Hex.IndexOf(s[i]) < 0) return false;
            }
            return true;
        }

        static bool DigestEquals(byte[] digest, string hex)
        {
            if (hex.Length != digest.Length * 2) return false;
            int diff = 0;
            for (int i = 0; i < digest.Length; i++)
            {
                diff |= Hex[digest[i] >> 4] ^ hex[2 * i];
                diff |= Hex[digest[i] & 15] ^ hex[2 * i + 1];
            }
            return diff == 0;
        }
    }
}
