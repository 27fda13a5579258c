using System;
using System.Threading;
using nanoFramework.Networking;

namespace Kiosk.Firmware.Esp32.Net
{
    /// <summary>
    /// SNTP before any TLS: certificate validity checks need a true date, and a clock stuck in 1970 otherwise surfaces as
    /// an opaque handshake failure (Home#1288). Until the clock is plausible the terminal says "cannot reach time service".
    /// </summary>
    internal static class TimeSync
    {
        // Nothing this firmware talks to has a certificate valid before this; anything earlier is an unset RTC.
        private static readonly DateTime Plausible = new DateTime(2026, 1, 1);

        public static bool IsPlausible { get { return DateTime.UtcNow >= Plausible; } }

        /// <summary>Starts SNTP and waits up to <paramref name="timeoutMs"/> for a plausible UTC time.</summary>
        public static bool Sync(string server1, string server2, int timeoutMs)
        {
            Sntp.Server1 = server1;
            Sntp.Server2 = server2;
            if (!Sntp.IsStarted) Sntp.Start();
            var waited = 0;
            while (waited < timeoutMs)
            {
                Sntp.UpdateNow();
                if (IsPlausible) return true;
                Thread.Sleep(1000);
                waited += 1000;
            }
            return IsPlausible;
        }
    }
}
