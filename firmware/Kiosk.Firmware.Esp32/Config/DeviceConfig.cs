using System.Net.NetworkInformation;

namespace Kiosk.Firmware.Esp32.Config
{
    /// <summary>
    /// What this terminal needs to know, all from the device, never from source: Wi-Fi credentials from the native
    /// network configuration block, the device certificate and CA from the certificate store (both written by the
    /// technician tool / nanoff), and the bridge address and terminal id from I:\kiosk\terminal.cfg.
    /// </summary>
    internal sealed class DeviceConfig
    {
        public const string Path = "I:\\kiosk\\terminal.cfg";

        private DeviceConfig() { }

        public string WifiSsid { get; private set; } = "";
        public string WifiPassword { get; private set; } = "";
        public string BridgeHost { get; private set; } = "";
        public int BridgePort { get; private set; }
        public string TerminalId { get; private set; } = "";
        public string SntpServer1 { get; private set; } = "";
        public string SntpServer2 { get; private set; } = "";

        /// <summary>What is missing, in words a technician can act on, or null when the terminal can start.</summary>
        public string? Problem { get; private set; }

        public static DeviceConfig Load()
        {
            var config = new DeviceConfig();
            var wifi = Wireless80211Configuration.GetAllWireless80211Configurations();
            if (wifi.Length > 0 && wifi[0].Ssid != null && wifi[0].Ssid.Length > 0)
            {
                config.WifiSsid = wifi[0].Ssid;
                config.WifiPassword = wifi[0].Password;
            }

            var values = ConfigFile.Read(Path);
            config.BridgeHost = ConfigFile.Get(values, "bridge.host", "");
            config.BridgePort = ConfigFile.GetInt(values, "bridge.port", 8443);
            config.TerminalId = ConfigFile.Get(values, "terminal.id", "");
            config.SntpServer1 = ConfigFile.Get(values, "sntp.server1", "ntp.nict.jp");
            config.SntpServer2 = ConfigFile.Get(values, "sntp.server2", "time.google.com");

            if (config.WifiSsid.Length == 0) config.Problem = "no Wi-Fi network stored: run 'kioskctl provision'";
            else if (config.BridgeHost.Length == 0) config.Problem = "no bridge address in " + Path + ": run 'kioskctl provision'";
            else if (config.TerminalId.Length == 0) config.Problem = "no terminal id in " + Path + ": run 'kioskctl provision'";
            return config;
        }
    }
}
