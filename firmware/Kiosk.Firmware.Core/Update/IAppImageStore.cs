namespace Kiosk.Firmware.Core.Update
{
    /// <summary>
    /// The board's application-bundle storage: the running bundle, the one before it, and a staging slot a new bundle is written into
    /// before anything switches. Every change must survive a power cut (on the ESP32: files in the LittleFS partition plus a state file
    /// replaced atomically; docs/firmware.md "Application updates").
    /// </summary>
    public interface IAppImageStore
    {
        /// <summary>Version of the bundle that boots now.</summary>
        string CurrentVersion { get; }

        /// <summary>Version kept to go back to, or null.</summary>
        string? PreviousVersion { get; }

        /// <summary>True while the current bundle is on trial: switched to but not yet confirmed.</summary>
        bool OnTrial { get; }

        /// <summary>Boots counted while on trial.</summary>
        int TrialBoots { get; }

        /// <summary>Largest bundle the staging slot holds.</summary>
        int SlotCapacity { get; }

        /// <summary>Version being staged, or null.</summary>
        string? StagedVersion { get; }

        /// <summary>Lower-case hex SHA-256 the staged bundle must have, or null.</summary>
        string? StagedSha256 { get; }

        /// <summary>Size the staged bundle must have.</summary>
        int StagedSize { get; }

        /// <summary>Bytes written to the staging slot so far (a download resumes from here).</summary>
        int StagedLength { get; }

        /// <summary>Empties the staging slot for a bundle of this version, size and digest; false when it cannot (too large, flash error).</summary>
        bool BeginStaged(string version, int size, string sha256Hex);

        /// <summary>Appends bytes to the staging slot; false on a write error.</summary>
        bool WriteStaged(byte[] data, int offset, int count);

        /// <summary>Reads back staged bytes from <paramref name="position"/>; returns the count read.</summary>
        int ReadStaged(int position, byte[] buffer, int offset, int count);

        /// <summary>Forgets the staged bytes.</summary>
        void DiscardStaged();

        /// <summary>Makes the verified staged bundle the one that boots next, on trial; the running one becomes the previous. False on failure.</summary>
        bool CommitStaged();

        /// <summary>Counts one boot while on trial; returns the count.</summary>
        int NoteTrialBoot();

        /// <summary>Ends the trial: the current bundle stays.</summary>
        void Confirm();

        /// <summary>Goes back to the previous bundle (it boots next and is confirmed); false when there is none.</summary>
        bool RollBack();

        /// <summary>Version of an outcome not yet reported to the bridge, or null.</summary>
        string? ReportVersion { get; }

        /// <summary>Whether that outcome is a success.</summary>
        bool ReportSucceeded { get; }

        /// <summary>Its reason code, or null.</summary>
        string? ReportReason { get; }

        /// <summary>Keeps an outcome to report (across reboots) until <see cref="ClearReport"/>.</summary>
        void SetReport(string version, bool succeeded, string? reason);

        /// <summary>Forgets the reported outcome.</summary>
        void ClearReport();
    }
}
