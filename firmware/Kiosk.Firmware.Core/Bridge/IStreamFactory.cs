using System.IO;

namespace Kiosk.Firmware.Core.Bridge
{
    /// <summary>Opens the board's connection to the bridge (mutual TLS on the device, TLS or plain TCP on a host).</summary>
    public interface IStreamFactory
    {
        /// <summary>Connects and returns the stream, or throws / returns null when the bridge cannot be reached.</summary>
        Stream? Connect();
    }
}
