namespace Kiosk.Firmware.Core.Fleet
{
    /// <summary>Where the board keeps its device certificate (the key never changes: nanoFramework cannot make keys, renewal
    /// re-certifies the one it has). The ESP32 keeps it in the config partition; the simulator in its bundle folder.</summary>
    public interface IDeviceCredentialStore
    {
        /// <summary>Serial (hex) of the certificate the board presents now.</summary>
        string CurrentSerial { get; }

        /// <summary>Replaces the certificate with a renewed one for the same key; false when it could not be stored (the old one stays).</summary>
        bool StoreCertificate(string certificatePem, string serial);
    }
}
