using System.IO;
using System.Text;

namespace Kiosk.Firmware.Core.Bridge.Http
{
    /// <summary>HTTP/1.1 keep-alive client on one stream (the board's TLS stream): writes a request, reads one response
    /// framed by Content-Length or chunked encoding. Not thread-safe; one request at a time.</summary>
    public sealed class HttpConnection
    {
        const int MaxLine = 4096;
        readonly Stream _stream;
        readonly string _host;
        readonly byte[] _in = new byte[2048];
        int _inPos;
        int _inLen;
        readonly StringBuilder _line = new StringBuilder(128);
        readonly StringBuilder _head = new StringBuilder(256);

        /// <summary>Wraps an open stream; <paramref name="host"/> goes in the Host header.</summary>
        public HttpConnection(Stream stream, string host)
        {
            _stream = stream;
            _host = host;
        }

        /// <summary>Bytes of the current response read so far (0 means the peer sent nothing).</summary>
        public int ResponseBytesRead { get; private set; }

        /// <summary>Sends one request and reads its response into <paramref name="response"/>.</summary>
        public void Exchange(string method, string path, string? idempotencyKey, byte[]? body, int bodyLength, HttpResponse response)
        {
            Exchange(method, path, idempotencyKey, null, body, bodyLength, response);
        }

        /// <summary>Sends one request with one extra header line (name and value, no CRLF) and reads its response.</summary>
        public void Exchange(string method, string path, string? idempotencyKey, string? extraHeader, byte[]? body, int bodyLength, HttpResponse response)
        {
            _head.Clear();
            _head.Append(method).Append(' ').Append(path).Append(" HTTP/1.1\r\nHost: ").Append(_host)
                .Append("\r\nConnection: keep-alive\r\nAccept: application/json\r\n");
            if (idempotencyKey != null) _head.Append("Idempotency-Key: ").Append(idempotencyKey).Append("\r\n");
            if (extraHeader != null) _head.Append(extraHeader).Append("\r\n");
            if (body != null) _head.Append("Content-Type: application/json\r\n");
            _head.Append("Content-Length: ").Append(body == null ? 0 : bodyLength).Append("\r\n\r\n");
            byte[] head = Encoding.UTF8.GetBytes(_head.ToString());
            ResponseBytesRead = 0;
            _stream.Write(head, 0, head.Length);
            if (body != null && bodyLength > 0) _stream.Write(body, 0, bodyLength);
            _stream.Flush();
            ReadResponse(response);
        }

        void ReadResponse(HttpResponse r)
        {
            r.Clear();
            string status = ReadLine();
            // Skip 1xx interim responses.
            while (true)
            {
                if (!status.StartsWith("HTTP/1.") || status.Length < 12) throw new HttpProtocolException("bad status line");
                r.Status = ParseInt(status, 9, 3);
                if (r.Status < 100 || r.Status > 599) throw new HttpProtocolException("bad status code");
                if (r.Status >= 200) break;
                while (ReadLine().Length > 0) { }
                status = ReadLine();
            }
            if (status.StartsWith("HTTP/1.0")) r.KeepAlive = false;
            int contentLength = -1;
            bool chunked = false;
            while (true)
            {
                string line = ReadLine();
                if (line.Length == 0) break;
                int colon = line.IndexOf(':');
                if (colon <= 0) throw new HttpProtocolException("bad header");
                string name = line.Substring(0, colon).Trim().ToLower();
                string value = line.Substring(colon + 1).Trim();
                if (name == "content-length") contentLength = ParseInt(value, 0, value.Length);
                else if (name == "transfer-encoding") chunked = value.ToLower().IndexOf("chunked") >= 0;
                else if (name == "connection") { if (value.ToLower() == "close") r.KeepAlive = false; }
                else if (name == "content-type") r.IsProblem = value.ToLower().IndexOf("problem+json") >= 0;
            }
            bool noBody = r.Status == 204 || r.Status == 304;
            if (noBody) return;
            if (chunked)
            {
                while (true)
                {
                    string size = ReadLine();
                    int semi = size.IndexOf(';');
                    if (semi >= 0) size = size.Substring(0, semi);
                    int n = ParseHex(size.Trim());
                    if (n == 0)
                    {
                        while (ReadLine().Length > 0) { }
                        return;
                    }
                    ReadBody(r, n);
                    if (ReadLine().Length != 0) throw new HttpProtocolException("bad chunk end");
                }
            }
            if (contentLength >= 0) { ReadBody(r, contentLength); return; }
            // No length: the body runs to the end of the connection.
            r.KeepAlive = false;
            while (Fill()) { r.Append(_in, _inPos, _inLen - _inPos); _inPos = _inLen; }
        }

        void ReadBody(HttpResponse r, int count)
        {
            if (count > HttpResponse.MaxBody) throw new HttpProtocolException("response body too large");
            while (count > 0)
            {
                if (_inPos == _inLen && !Fill()) throw new HttpProtocolException("connection closed in body");
                int n = _inLen - _inPos;
                if (n > count) n = count;
                r.Append(_in, _inPos, n);
                _inPos += n;
                count -= n;
            }
        }

        string ReadLine()
        {
            _line.Clear();
            while (true)
            {
                if (_inPos == _inLen && !Fill()) throw new HttpProtocolException("connection closed");
                byte b = _in[_inPos++];
                if (b == (byte)'\n')
                {
                    int len = _line.Length;
                    if (len > 0 && _line[len - 1] == '\r') _line.Remove(len - 1, 1);
                    return _line.ToString();
                }
                if (_line.Length >= MaxLine) throw new HttpProtocolException("line too long");
                _line.Append((char)b);
            }
        }

        bool Fill()
        {
            _inPos = 0;
            _inLen = _stream.Read(_in, 0, _in.Length);
            if (_inLen <= 0) { _inLen = 0; return false; }
            ResponseBytesRead += _inLen;
            return true;
        }

        static int ParseInt(string s, int start, int count)
        {
            if (count <= 0 || count > 9) throw new HttpProtocolException("bad number");
            int v = 0;
            for (int i = start; i < start + count; i++)
            {
                if (i >= s.Length) throw new HttpProtocolException("bad number");
                char c = s[i];
                if (c < '0' || c > '9') throw new HttpProtocolException("bad number");
                v = v * 10 + (c - '0');
            }
            return v;
        }

        static int ParseHex(string s)
        {
            if (s.Length == 0 || s.Length > 7) throw new HttpProtocolException("bad chunk size");
            int v = 0;
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                int d;
                if (c >= '0' && c <= '9') d = c - '0';
                else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
                else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
                else throw new HttpProtocolException("bad chunk size");
                v = v * 16 + d;
            }
            return v;
        }
    }
}
