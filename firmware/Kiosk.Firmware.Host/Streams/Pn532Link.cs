using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Host.Streams;

/// <summary>Opens a PN532 host link from a technician's address: a tty/pty path, or tcp:HOST:PORT.</summary>
public static class Pn532Link
{
    /// <summary>Opens <paramref name="address"/>; throws IOException or ArgumentException with a one-line reason.</summary>
    public static IByteStream Open(string address, int baud = 115200)
    {
        if (address.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase))
        {
            string rest = address.Substring(4);
            int colon = rest.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(rest.AsSpan(colon + 1), out int port) || port is < 1 or > 65535)
            {
                throw new ArgumentException("expected tcp:HOST:PORT, got \"" + address + "\"");
            }

            return TcpByteStream.Connect(rest.Substring(0, colon).Trim('[', ']'), port);
        }

        return SerialByteStream.Open(address, baud);
    }
}
