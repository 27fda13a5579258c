using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Simulator.Board;

/// <summary>Maps the front panel's key names ("0".."9", "enter", "cancel", ...) to the core's <see cref="Key"/> values.</summary>
public static class KeyNames
{
    /// <summary>Parses a key name; false for anything that is not a key of the pad.</summary>
    public static bool TryParse(string? name, out Key key)
    {
        key = Key.None;
        if (string.IsNullOrEmpty(name)) return false;
        if (name.Length == 1 && name[0] >= '0' && name[0] <= '9')
        {
            key = Key.D0 + (name[0] - '0');
            return true;
        }
        switch (name.ToLowerInvariant())
        {
            case "enter": key = Key.Enter; return true;
            case "cancel": key = Key.Cancel; return true;
            case "clear": key = Key.Clear; return true;
            case "back": key = Key.Back; return true;
            case "up": key = Key.Up; return true;
            case "down": key = Key.Down; return true;
            default: return false;
        }
    }

    /// <summary>The front panel name of a key (inverse of <see cref="TryParse"/>).</summary>
    public static string NameOf(Key key)
    {
        if (key >= Key.D0 && key <= Key.D9) return ((char)('0' + (key - Key.D0))).ToString();
        return key.ToString().ToLowerInvariant();
    }
}
