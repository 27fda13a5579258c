using System;
using System.IO;
using Kiosk.Firmware.Esp32.Config;

namespace Kiosk.Firmware.Esp32.Supervision
{
    /// <summary>
    /// Why the firmware restarted itself, written just before Power.RebootDevice and read once after boot, so the
    /// technician screen and the first heartbeat can say it. No record means the restart was not ours (power, crash).
    /// </summary>
    internal static class RebootRecord
    {
        private const string Path = "I:\\kiosk\\last-reboot.txt";

        public static void Write(string reason)
        {
            try
            {
                ConfigFile.Write(Path, DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss") + "Z" + " " + reason);
            }
            catch (Exception)
            {
                // A full or broken drive must not stop the reboot that is about to fix things.
            }
        }

        /// <summary>The recorded reason (then forgotten), or a plain statement that the restart was not ours.</summary>
        public static string TakeLast()
        {
            try
            {
                var text = ConfigFile.ReadText(Path);
                if (text == null) return "restart not requested by the firmware (power-on, crash or brown-out)";
                File.Delete(Path);
                return "firmware restarted itself: " + text.Trim();
            }
            catch (Exception e)
            {
                return "reboot record unreadable: " + e.Message;
            }
        }
    }
}
