using System;
using System.Collections;
using System.IO;
using System.Text;
using Kiosk.Firmware.Core.Update;
using Kiosk.Firmware.Esp32.Config;

namespace Kiosk.Firmware.Esp32.Update
{
    /// <summary>
    /// The core's <see cref="IAppImageStore"/> on the internal LittleFS drive: two bundle slots, a staging file and a small state file
    /// replaced as a whole (write <c>state.new</c>, delete <c>state.txt</c>, rename), so a power cut leaves the old or the new state and
    /// a half-written state is never read. Needs a partition table whose LittleFS partition holds two bundles plus the staging file
    /// (docs/firmware.md "Application updates on the ESP32"). Program wires it to the core's UpdateAgent; the engine/application split
    /// (loading the current slot with Assembly.Load) is still to do, so <see cref="BoardSelfCheck"/> rolls a switched bundle back.
    /// </summary>
    internal sealed class FlashAppImageStore : IAppImageStore
    {
        private const string Folder = "I:\\app";
        private const string StatePath = Folder + "\\state.txt";
        private const string StateNew = Folder + "\\state.new";
        private const string StagePath = Folder + "\\stage.bin";
        private readonly int _capacity;
        private string _current;
        private string _currentSlot;
        private string? _previous;
        private string? _previousSlot;
        private bool _onTrial;
        private int _trialBoots;
        private string? _stagedVersion;
        private string? _stagedSha;
        private int _stagedSize;
        private string? _reportVersion;
        private bool _reportSucceeded;
        private string? _reportReason;

        /// <summary>Opens the store; <paramref name="factoryVersion"/> names the bundle deployed by nanoff when no state exists yet.</summary>
        public FlashAppImageStore(string factoryVersion, int slotCapacity)
        {
            _capacity = slotCapacity;
            _current = factoryVersion;
            _currentSlot = "a";
            if (!Directory.Exists(Folder)) Directory.CreateDirectory(Folder);
            // A cut between "delete state.txt" and "rename state.new" leaves only the new state: finish the rename.
            if (!File.Exists(StatePath) && File.Exists(StateNew)) File.Move(StateNew, StatePath);
            Load();
        }

        /// <summary>File of the slot the engine loads at boot.</summary>
        public string CurrentSlotPath { get { return SlotPath(_currentSlot); } }

        public string CurrentVersion { get { return _current; } }
        public string? PreviousVersion { get { return _previous; } }
        public bool OnTrial { get { return _onTrial; } }
        public int TrialBoots { get { return _trialBoots; } }
        public int SlotCapacity { get { return _capacity; } }
        public string? StagedVersion { get { return _stagedVersion; } }
        public string? StagedSha256 { get { return _stagedSha; } }
        public int StagedSize { get { return _stagedSize; } }
        public string? ReportVersion { get { return _reportVersion; } }
        public bool ReportSucceeded { get { return _reportSucceeded; } }
        public string? ReportReason { get { return _reportReason; } }

        public int StagedLength
        {
            get
            {
                if (_stagedVersion == null || !File.Exists(StagePath)) return 0;
                using (var s = new FileStream(StagePath, FileMode.Open, FileAccess.Read)) return (int)s.Length;
            }
        }

        public bool BeginStaged(string version, int size, string sha256Hex)
        {
            if (size > _capacity) return false;
            try
            {
                using (var s = new FileStream(StagePath, FileMode.Create, FileAccess.Write)) s.Flush();
                _stagedVersion = version;
                _stagedSha = sha256Hex;
                _stagedSize = size;
                Save();
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public bool WriteStaged(byte[] data, int offset, int count)
        {
            try
            {
                using (var s = new FileStream(StagePath, FileMode.Open, FileAccess.Write))
                {
                    if (s.Length + count > _capacity) return false;
                    s.Seek(0, SeekOrigin.End);
                    s.Write(data, offset, count);
                    // Flushed per chunk: after a power cut the file length is where the download resumes.
                    s.Flush();
                }
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public int ReadStaged(int position, byte[] buffer, int offset, int count)
        {
            using (var s = new FileStream(StagePath, FileMode.Open, FileAccess.Read))
            {
                if (position >= s.Length) return 0;
                s.Seek(position, SeekOrigin.Begin);
                return s.Read(buffer, offset, count);
            }
        }

        public void DiscardStaged()
        {
            try { File.Delete(StagePath); } catch (Exception) { }
            _stagedVersion = null;
            _stagedSha = null;
            _stagedSize = 0;
            Save();
        }

        public bool CommitStaged()
        {
            if (_stagedVersion == null) return false;
            try
            {
                // The free slot is the one that is not current; the old previous bundle (if it lived there) is dropped.
                string free = _currentSlot == "a" ? "b" : "a";
                string target = SlotPath(free);
                if (File.Exists(target)) File.Delete(target);
                File.Move(StagePath, target);
                _previous = _current;
                _previousSlot = _currentSlot;
                _current = _stagedVersion;
                _currentSlot = free;
                _onTrial = true;
                _trialBoots = 0;
                _stagedVersion = null;
                _stagedSha = null;
                _stagedSize = 0;
                Save();
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public int NoteTrialBoot()
        {
            if (_onTrial)
            {
                _trialBoots++;
                Save();
            }
            return _trialBoots;
        }

        public void Confirm()
        {
            _onTrial = false;
            _trialBoots = 0;
            Save();
        }

        public bool RollBack()
        {
            if (_previous == null || _previousSlot == null) return false;
            _current = _previous;
            _currentSlot = _previousSlot;
            _previous = null;
            _previousSlot = null;
            _onTrial = false;
            _trialBoots = 0;
            Save();
            return true;
        }

        public void SetReport(string version, bool succeeded, string? reason)
        {
            _reportVersion = version;
            _reportSucceeded = succeeded;
            _reportReason = reason;
            Save();
        }

        public void ClearReport()
        {
            _reportVersion = null;
            _reportReason = null;
            Save();
        }

        private static string SlotPath(string slot) { return Folder + "\\slot-" + slot + ".bin"; }

        private void Load()
        {
            Hashtable v = ConfigFile.Read(StatePath);
            if (v.Count == 0) return;
            _current = ConfigFile.Get(v, "current", _current);
            _currentSlot = ConfigFile.Get(v, "currentSlot", "a");
            _previous = Optional(v, "previous");
            _previousSlot = Optional(v, "previousSlot");
            _onTrial = ConfigFile.Get(v, "onTrial", "0") == "1";
            _trialBoots = ConfigFile.GetInt(v, "trialBoots", 0);
            _stagedVersion = Optional(v, "stagedVersion");
            _stagedSha = Optional(v, "stagedSha256");
            _stagedSize = ConfigFile.GetInt(v, "stagedSize", 0);
            _reportVersion = Optional(v, "reportVersion");
            _reportSucceeded = ConfigFile.Get(v, "reportSucceeded", "0") == "1";
            _reportReason = Optional(v, "reportReason");
        }

        private void Save()
        {
            var b = new StringBuilder();
            Line(b, "current", _current);
            Line(b, "currentSlot", _currentSlot);
            Line(b, "previous", _previous);
            Line(b, "previousSlot", _previousSlot);
            Line(b, "onTrial", _onTrial ? "1" : "0");
            Line(b, "trialBoots", _trialBoots.ToString());
            Line(b, "stagedVersion", _stagedVersion);
            Line(b, "stagedSha256", _stagedSha);
            Line(b, "stagedSize", _stagedSize.ToString());
            Line(b, "reportVersion", _reportVersion);
            Line(b, "reportSucceeded", _reportSucceeded ? "1" : "0");
            Line(b, "reportReason", _reportReason);
            ConfigFile.Write(StateNew, b.ToString());
            if (File.Exists(StatePath)) File.Delete(StatePath);
            File.Move(StateNew, StatePath);
        }

        private static void Line(StringBuilder b, string key, string? value)
        {
            if (value != null) b.Append(key).Append('=').Append(value).Append('\n');
        }

        private static string? Optional(Hashtable v, string key)
        {
            string value = ConfigFile.Get(v, key, "");
            return value.Length == 0 ? null : value;
        }
    }
}
