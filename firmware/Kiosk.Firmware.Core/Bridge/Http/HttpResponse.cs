namespace Kiosk.Firmware.Core.Bridge.Http
{
    /// <summary>One HTTP response, reused across requests: status, whether the connection stays open, and the body bytes.</summary>
    public sealed class HttpResponse
    {
        /// <summary>Largest body accepted; the protocol's bodies are small.</summary>
        public const int MaxBody = 65536;

        /// <summary>Status code (200, 201, 404...).</summary>
        public int Status;
        /// <summary>False when the server asked to close the connection.</summary>
        public bool KeepAlive;
        /// <summary>Body buffer; valid bytes are 0..<see cref="BodyLength"/>-1.</summary>
        public byte[] Body = new byte[1024];
        /// <summary>Body length.</summary>
        public int BodyLength;
        /// <summary>True when the Content-Type was application/problem+json.</summary>
        public bool IsProblem;

        internal void Clear()
        {
            Status = 0;
            KeepAlive = true;
            BodyLength = 0;
            IsProblem = false;
        }

        internal void Append(byte[] src, int offset, int count)
        {
            if (BodyLength + count > MaxBody) throw new HttpProtocolException("response body too large");
            if (BodyLength + count > Body.Length)
            {
                int size = Body.Length;
                while (size < BodyLength + count) size *= 2;
                byte[] bigger = new byte[size];
                System.Array.Copy(Body, bigger, BodyLength);
                Body = bigger;
            }
            System.Array.Copy(src, offset, Body, BodyLength, count);
            BodyLength += count;
        }
    }
}
