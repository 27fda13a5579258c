namespace Kiosk.Firmware.Core.Bridge
{
    /// <summary>The health figures a heartbeat reports.</summary>
    public sealed class HeartbeatInfo
    {
        /// <summary>Firmware (board) version.</summary>
        public string FirmwareVersion = "0.0.0";
        /// <summary>Application (core) version.</summary>
        public string AppVersion = "0.0.0";
        /// <summary>Free managed heap in bytes.</summary>
        public int FreeHeap;
        /// <summary>Largest free block in bytes.</summary>
        public int LargestFreeBlock;
        /// <summary>Card reader state ("ok", "error").</summary>
        public string ReaderState = "ok";
        /// <summary>Printer state as the board sees it ("ok", "unknown").</summary>
        public string PrinterState = "unknown";
        /// <summary>Seconds since boot.</summary>
        public int UptimeSeconds;
        /// <summary>Session state name.</summary>
        public string State = "Idle";
    }
}
