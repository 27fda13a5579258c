using System;

namespace Kiosk.Firmware.Core.Bridge.Http
{
    /// <summary>The peer broke HTTP/1.1 framing or closed the connection mid-response.</summary>
    public sealed class HttpProtocolException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public HttpProtocolException(string message) : base(message) { }
    }
}
