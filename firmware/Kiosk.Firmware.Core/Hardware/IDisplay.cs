namespace Kiosk.Firmware.Core.Hardware
{
    /// <summary>The display: receives the core's 320x240 1-bit frame (row-major, MSB first, 40 bytes per row).</summary>
    public interface IDisplay
    {
        /// <summary>Shows the rows <paramref name="firstRow"/>..<paramref name="firstRow"/>+<paramref name="rowCount"/>-1 of <paramref name="frame"/>.</summary>
        void Show(byte[] frame, int firstRow, int rowCount);
    }
}
