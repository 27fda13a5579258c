using Kiosk.Firmware.Core.Update;

namespace Kiosk.Hardware.Emulator.Flash;

/// <summary>
/// The ESP32's application-bundle storage in memory: a current and a previous bundle, a staging slot, the trial state and a kept report,
/// all surviving an emulated restart (create a new agent on the same store). It can be told to fail the way flash fails: refuse writes
/// past some byte, flip a bit as it writes, refuse the switch; and <see cref="FailingSelfCheckVersions"/> makes a bundle fail its self-check.
/// Thread-safe. Behaviour: hardware/EMULATORS.md "Application image store".
/// </summary>
public sealed class EmulatedAppImageStore : IAppImageStore
{
    private readonly object _lock = new();
    private readonly Dictionary<string, byte[]> _images = new(StringComparer.Ordinal);
    private MemoryStream _staged = new();

    /// <summary>Creates a store running <paramref name="currentVersion"/> with the given image bytes.</summary>
    public EmulatedAppImageStore(string currentVersion, byte[]? currentImage = null, int slotCapacity = 1792 * 1024)
    {
        CurrentVersion = currentVersion;
        _images[currentVersion] = currentImage ?? [];
        SlotCapacity = slotCapacity;
    }

    /// <summary>Writes fail once the staging slot would pass this many bytes (null: never).</summary>
    public int? FailWritesAfterBytes { get; set; }

    /// <summary>Flip the lowest bit of the byte at this staging offset as it is written (flash corruption); null: never.</summary>
    public int? CorruptByteAt { get; set; }

    /// <summary>Refuse <see cref="CommitStaged"/> (the switch cannot be written).</summary>
    public bool FailCommit { get; set; }

    /// <summary>Versions whose self-check fails once they run (see <see cref="SelfCheck"/>).</summary>
    public HashSet<string> FailingSelfCheckVersions { get; } = new(StringComparer.Ordinal);

    /// <summary>Boots counted by <see cref="NoteTrialBoot"/> over the store's life (tests read it).</summary>
    public int Boots { get; private set; }

    /// <inheritdoc />
    public string CurrentVersion { get; private set; }

    /// <inheritdoc />
    public string? PreviousVersion { get; private set; }

    /// <inheritdoc />
    public bool OnTrial { get; private set; }

    /// <inheritdoc />
    public int TrialBoots { get; private set; }

    /// <inheritdoc />
    public int SlotCapacity { get; }

    /// <inheritdoc />
    public string? StagedVersion { get; private set; }

    /// <inheritdoc />
    public string? StagedSha256 { get; private set; }

    /// <inheritdoc />
    public int StagedSize { get; private set; }

    /// <inheritdoc />
    public int StagedLength { get { lock (_lock) return (int)_staged.Length; } }

    /// <summary>The bytes of an installed (current or previous) bundle.</summary>
    public byte[]? Image(string version) { lock (_lock) return _images.TryGetValue(version, out var b) ? (byte[])b.Clone() : null; }

    /// <summary>A self-check that fails for the versions in <see cref="FailingSelfCheckVersions"/>.</summary>
    public IUpdateSelfCheck SelfCheck() => new VersionSelfCheck(this);

    /// <inheritdoc />
    public bool BeginStaged(string version, int size, string sha256Hex)
    {
        lock (_lock)
        {
            if (size > SlotCapacity) return false;
            _staged = new MemoryStream();
            (StagedVersion, StagedSha256, StagedSize) = (version, sha256Hex, size);
            return true;
        }
    }

    /// <inheritdoc />
    public bool WriteStaged(byte[] data, int offset, int count)
    {
        lock (_lock)
        {
            if (StagedVersion is null || _staged.Length + count > SlotCapacity) return false;
            if (FailWritesAfterBytes is { } limit && _staged.Length + count > limit) return false;
            var start = (int)_staged.Length;
            _staged.Write(data, offset, count);
            if (CorruptByteAt is { } at && at >= start && at < start + count)
            {
                var bytes = _staged.GetBuffer();
                bytes[at] ^= 1;
            }
            return true;
        }
    }

    /// <inheritdoc />
    public int ReadStaged(int position, byte[] buffer, int offset, int count)
    {
        lock (_lock)
        {
            var n = (int)Math.Max(0, Math.Min(count, _staged.Length - position));
            Array.Copy(_staged.GetBuffer(), position, buffer, offset, n);
            return n;
        }
    }

    /// <inheritdoc />
    public void DiscardStaged()
    {
        lock (_lock)
        {
            _staged = new MemoryStream();
            (StagedVersion, StagedSha256, StagedSize) = (null, null, 0);
        }
    }

    /// <inheritdoc />
    public bool CommitStaged()
    {
        lock (_lock)
        {
            if (FailCommit || StagedVersion is null || _staged.Length != StagedSize) return false;
            _images[StagedVersion] = _staged.ToArray();
            if (PreviousVersion is { } old && old != CurrentVersion && old != StagedVersion) _images.Remove(old);
            PreviousVersion = CurrentVersion;
            CurrentVersion = StagedVersion;
            OnTrial = true;
            TrialBoots = 0;
            _staged = new MemoryStream();
            (StagedVersion, StagedSha256, StagedSize) = (null, null, 0);
            return true;
        }
    }

    /// <inheritdoc />
    public int NoteTrialBoot()
    {
        lock (_lock)
        {
            Boots++;
            if (OnTrial) TrialBoots++;
            return TrialBoots;
        }
    }

    /// <inheritdoc />
    public void Confirm()
    {
        lock (_lock)
        {
            OnTrial = false;
            TrialBoots = 0;
        }
    }

    /// <inheritdoc />
    public bool RollBack()
    {
        lock (_lock)
        {
            if (PreviousVersion is not { } previous) return false;
            _images.Remove(CurrentVersion);
            CurrentVersion = previous;
            PreviousVersion = null;
            OnTrial = false;
            TrialBoots = 0;
            return true;
        }
    }

    /// <inheritdoc />
    public string? ReportVersion { get; private set; }

    /// <inheritdoc />
    public bool ReportSucceeded { get; private set; }

    /// <inheritdoc />
    public string? ReportReason { get; private set; }

    /// <inheritdoc />
    public void SetReport(string version, bool succeeded, string? reason)
    {
        lock (_lock) (ReportVersion, ReportSucceeded, ReportReason) = (version, succeeded, reason);
    }

    /// <inheritdoc />
    public void ClearReport()
    {
        lock (_lock) (ReportVersion, ReportSucceeded, ReportReason) = (null, false, null);
    }

    private sealed class VersionSelfCheck(EmulatedAppImageStore store) : IUpdateSelfCheck
    {
        public bool Passes() => !store.FailingSelfCheckVersions.Contains(store.CurrentVersion);
    }
}
