namespace Kiosk.Firmware.Core.Hardware
{
    /// <summary>Random bytes (the ESP32 hardware RNG on the board; the OS CSPRNG on a host).</summary>
    public interface IRandomSource
    {
        /// <summary>Fills <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        void NextBytes(byte[] buffer, int offset, int count);
    }
}
