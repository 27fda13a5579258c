namespace Kiosk.Firmware.Core.Update
{
    /// <summary>Reason codes the agent reports (short codes, docs/kiosk-protocol.md).</summary>
    public static class UpdateReasons
    {
        /// <summary>The downloaded bytes do not have the announced SHA-256.</summary>
        public const string DigestMismatch = "digest-mismatch";
        /// <summary>The bridge delivered more or fewer bytes than announced.</summary>
        public const string SizeMismatch = "size-mismatch";
        /// <summary>The offer itself was malformed (bad version, size, digest or URL).</summary>
        public const string BadOffer = "bad-offer";
        /// <summary>The bundle does not fit the staging slot.</summary>
        public const string TooLarge = "too-large";
        /// <summary>Writing the staging slot failed.</summary>
        public const string StageFailed = "stage-failed";
        /// <summary>Switching to the verified bundle failed.</summary>
        public const string SwitchFailed = "switch-failed";
        /// <summary>The new bundle ran but failed its self-check.</summary>
        public const string SelfCheckFailed = "self-check-failed";
        /// <summary>The new bundle never confirmed itself within the allowed boots.</summary>
        public const string NotConfirmed = "not-confirmed";
        /// <summary>Went back to the previous bundle after an abort.</summary>
        public const string RolledBack = "rolled-back";
        /// <summary>Told to go back but no previous bundle is kept and none was offered.</summary>
        public const string NoPrevious = "no-previous-bundle";
    }
}
