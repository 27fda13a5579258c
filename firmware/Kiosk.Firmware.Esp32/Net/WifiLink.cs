using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;

namespace Kiosk.Firmware.Esp32.Net
{
    /// <summary>
    /// Wi-Fi with reconnect. The first join uses WifiNetworkHelper with automatic reconnection; later drops are left to the
    /// native reconnect and watched here. A second ConnectDhcp is never attempted in-process (it throws
    /// InvalidOperationException on nanoFramework and only a restart recovers, Home#1549): after
    /// <see cref="GiveUpMs"/> without an address the caller reboots deliberately, with that reason recorded.
    /// </summary>
    internal sealed class WifiLink
    {
        public const int GiveUpMs = 5 * 60 * 1000;

        private readonly string _ssid;
        private readonly string _password;
        private long _downSinceMs = -1;

        public WifiLink(string ssid, string password)
        {
            _ssid = ssid;
            _password = password;
        }

        /// <summary>Why the last attempt failed, for the technician screen and the reboot record.</summary>
        public string LastError { get; private set; } = "";

        /// <summary>Joins the stored network once per boot; false (with <see cref="LastError"/>) when it did not.</summary>
        public bool Connect(int timeoutMs)
        {
            var cts = new CancellationTokenSource(timeoutMs);
            try
            {
                // requiresDateTime: false: time comes from TimeSync, so that "no time" and "no Wi-Fi" stay distinct errors.
                var ok = WifiNetworkHelper.ConnectDhcp(_ssid, _password, WifiReconnectionKind.Automatic, false, 0, cts.Token);
                if (!ok)
                {
                    LastError = "Wi-Fi '" + _ssid + "' not joined: " + WifiNetworkHelper.Status.ToString();
                    if (WifiNetworkHelper.HelperException != null) LastError += " (" + WifiNetworkHelper.HelperException.Message + ")";
                }
                return ok;
            }
            catch (Exception e)
            {
                LastError = "Wi-Fi join failed: " + e.Message;
                return false;
            }
        }

        /// <summary>True while the station has an IPv4 address.</summary>
        public bool IsUp()
        {
            var interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (var i = 0; i < interfaces.Length; i++)
            {
                var address = interfaces[i].IPv4Address;
                if (interfaces[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211 && address != null && address != "0.0.0.0")
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Called periodically: false once the link has been down longer than <see cref="GiveUpMs"/>.</summary>
        public bool Healthy(long nowMs)
        {
            if (IsUp())
            {
                _downSinceMs = -1;
                return true;
            }
            if (_downSinceMs < 0) _downSinceMs = nowMs;
            LastError = "Wi-Fi down for " + ((nowMs - _downSinceMs) / 1000).ToString() + " s";
            return nowMs - _downSinceMs < GiveUpMs;
        }
    }
}
