using System;

namespace Kiosk.Firmware.Core.Bridge.Json
{
    /// <summary>Malformed or unsupported JSON; the message names the position, never echoes the input.</summary>
    public sealed class JsonException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public JsonException(string message, int position) : base(message + " at byte " + position.ToString()) { }
    }
}
