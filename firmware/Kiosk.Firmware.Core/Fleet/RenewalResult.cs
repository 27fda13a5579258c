namespace Kiosk.Firmware.Core.Fleet
{
    /// <summary>How one certificate check ended.</summary>
    public enum RenewalResult
    {
        /// <summary>Not checked: the last check was less than an interval ago.</summary>
        Skipped = 0,
        /// <summary>The bridge says the certificate needs no renewal yet.</summary>
        NotDue,
        /// <summary>A renewed certificate was stored; the link reconnects with it.</summary>
        Renewed,
        /// <summary>The bridge could not be reached; the next check tries again.</summary>
        Unreachable,
        /// <summary>The bridge refused (a problem answer, e.g. the device is revoked).</summary>
        Refused,
        /// <summary>The answer was not a usable certificate status.</summary>
        BadAnswer,
        /// <summary>The new certificate could not be stored; the old one is still valid and is kept.</summary>
        StoreFailed,
    }
}
