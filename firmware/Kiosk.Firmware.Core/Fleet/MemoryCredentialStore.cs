namespace Kiosk.Firmware.Core.Fleet
{
    /// <summary>Emulated credential store: keeps the certificate in memory (tests and hosts without a config partition).</summary>
    public sealed class MemoryCredentialStore : IDeviceCredentialStore
    {
        /// <summary>Creates the store holding the enrolled certificate's serial.</summary>
        public MemoryCredentialStore(string serial)
        {
            CurrentSerial = serial;
            CertificatePem = null;
        }

        /// <inheritdoc/>
        public string CurrentSerial { get; private set; }

        /// <summary>The last stored certificate, or null.</summary>
        public string? CertificatePem { get; private set; }

        /// <summary>When true, storing fails (a full or broken flash).</summary>
        public bool FailWrites;

        /// <inheritdoc/>
        public bool StoreCertificate(string certificatePem, string serial)
        {
            if (FailWrites) return false;
            CertificatePem = certificatePem;
            CurrentSerial = serial;
            return true;
        }
    }
}
