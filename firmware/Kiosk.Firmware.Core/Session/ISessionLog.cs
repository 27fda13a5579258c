namespace Kiosk.Firmware.Core.Session
{
    /// <summary>Where the session writes its diagnostic lines (serial console on the board). Lines never hold a PIN digit.</summary>
    public interface ISessionLog
    {
        /// <summary>Writes one line.</summary>
        void Write(string line);
    }
}
