using System.Collections;
using System.Text;

namespace Kiosk.Firmware.Core.Bridge.Json
{
    /// <summary>Parses UTF-8 JSON into Hashtable (object), ArrayList (array), string, int or long, bool and null.
    /// Integers only (the protocol has no fractions); nesting is limited so hostile input cannot exhaust the stack.</summary>
    public sealed class JsonReader
    {
        /// <summary>Deepest nesting accepted.</summary>
        public const int MaxDepth = 32;

        readonly byte[] _b;
        readonly int _end;
        int _p;
        readonly StringBuilder _sb = new StringBuilder();

        JsonReader(byte[] buffer, int offset, int count)
        {
            _b = buffer;
            _p = offset;
            _end = offset + count;
        }

        /// <summary>Parses exactly one JSON value filling the range; throws <see cref="JsonException"/> otherwise.</summary>
        public static object? Parse(byte[] buffer, int offset, int count)
        {
            JsonReader r = new JsonReader(buffer, offset, count);
            r.SkipSpace();
            object? v = r.Value(0);
            r.SkipSpace();
            if (r._p != r._end) throw new JsonException("trailing data", r._p);
            return v;
        }

        /// <summary>Parses a JSON object; throws when the text is not one.</summary>
        public static Hashtable ParseObject(byte[] buffer, int offset, int count)
        {
            Hashtable? h = Parse(buffer, offset, count) as Hashtable;
            if (h == null) throw new JsonException("not an object", offset);
            return h;
        }

        object? Value(int depth)
        {
            if (depth > MaxDepth) throw new JsonException("nested too deeply", _p);
            if (_p >= _end) throw new JsonException("unexpected end", _p);
            byte c = _b[_p];
            switch (c)
            {
                case (byte)'{': return Object(depth);
                case (byte)'[': return Array(depth);
                case (byte)'"': return String();
                case (byte)'t': Literal("true"); return true;
                case (byte)'f': Literal("false"); return false;
                case (byte)'n': Literal("null"); return null;
                default:
                    if (c == (byte)'-' || (c >= (byte)'0' && c <= (byte)'9')) return Number();
                    throw new JsonException("unexpected character", _p);
            }
        }

        Hashtable Object(int depth)
        {
            Hashtable h = new Hashtable();
            _p++;
            SkipSpace();
            if (Peek() == '}') { _p++; return h; }
            while (true)
            {
                SkipSpace();
                if (Peek() != '"') throw new JsonException("expected a name", _p);
                string name = String();
                SkipSpace();
                Expect(':');
                SkipSpace();
                h[name] = Value(depth + 1);
                SkipSpace();
                int c = Peek();
                _p++;
                if (c == '}') return h;
                if (c != ',') throw new JsonException("expected , or }", _p - 1);
            }
        }

        ArrayList Array(int depth)
        {
            ArrayList a = new ArrayList();
            _p++;
            SkipSpace();
            if (Peek() == ']') { _p++; return a; }
            while (true)
            {
                SkipSpace();
                a.Add(Value(depth + 1));
                SkipSpace();
                int c = Peek();
                _p++;
                if (c == ']') return a;
                if (c != ',') throw new JsonException("expected , or ]", _p - 1);
            }
        }

        string String()
        {
            _p++;
            _sb.Clear();
            int runStart = _p;
            while (true)
            {
                if (_p >= _end) throw new JsonException("unterminated string", _p);
                byte c = _b[_p];
                if (c == (byte)'"')
                {
                    FlushRun(runStart);
                    _p++;
                    return _sb.ToString();
                }
                if (c < 0x20) throw new JsonException("control character in string", _p);
                if (c != (byte)'\\') { _p++; continue; }
                FlushRun(runStart);
                _p++;
                if (_p >= _end) throw new JsonException("unterminated escape", _p);
                byte e = _b[_p++];
                switch (e)
                {
                    case (byte)'"': _sb.Append('"'); break;
                    case (byte)'\\': _sb.Append('\\'); break;
                    case (byte)'/': _sb.Append('/'); break;
                    case (byte)'b': _sb.Append('\b'); break;
                    case (byte)'f': _sb.Append('\f'); break;
                    case (byte)'n': _sb.Append('\n'); break;
                    case (byte)'r': _sb.Append('\r'); break;
                    case (byte)'t': _sb.Append('\t'); break;
                    case (byte)'u': _sb.Append((char)Hex4()); break;
                    default: throw new JsonException("bad escape", _p - 1);
                }
                runStart = _p;
            }
        }

        void FlushRun(int start)
        {
            if (_p > start) _sb.Append(Encoding.UTF8.GetString(_b, start, _p - start));
        }

        int Hex4()
        {
            if (_p + 4 > _end) throw new JsonException("short \\u escape", _p);
            int v = 0;
            for (int i = 0; i < 4; i++)
            {
                int c = _b[_p++];
                int d;
                if (c >= '0' && c <= '9') d = c - '0';
                else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
                else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
                else throw new JsonException("bad hex digit", _p - 1);
                v = (v << 4) | d;
            }
            return v;
        }

        object Number()
        {
            int start = _p;
            bool negative = false;
            if (_b[_p] == (byte)'-') { negative = true; _p++; }
            if (_p >= _end || _b[_p] < (byte)'0' || _b[_p] > (byte)'9') throw new JsonException("bad number", start);
            if (_b[_p] == (byte)'0' && _p + 1 < _end && _b[_p + 1] >= (byte)'0' && _b[_p + 1] <= (byte)'9')
                throw new JsonException("leading zero", start);
            long v = 0;
            while (_p < _end && _b[_p] >= (byte)'0' && _b[_p] <= (byte)'9')
            {
                int d = _b[_p++] - '0';
                // Accumulate negatively so long.MinValue fits.
                if (v < (long.MinValue + d) / 10) throw new JsonException("number too large", start);
                v = v * 10 - d;
            }
            if (_p < _end && (_b[_p] == (byte)'.' || _b[_p] == (byte)'e' || _b[_p] == (byte)'E'))
                throw new JsonException("only integers are supported", _p);
            if (!negative)
            {
                if (v == long.MinValue) throw new JsonException("number too large", start);
                v = -v;
            }
            if (v >= int.MinValue && v <= int.MaxValue) return (int)v;
            return v;
        }

        void Literal(string word)
        {
            for (int i = 0; i < word.Length; i++)
            {
                if (_p >= _end || _b[_p] != (byte)word[i]) throw new JsonException("bad literal", _p);
                _p++;
            }
        }

        void Expect(char c)
        {
            if (Peek() != c) throw new JsonException("expected a separator", _p);
            _p++;
        }

        int Peek() { return _p < _end ? _b[_p] : -1; }

        void SkipSpace()
        {
            while (_p < _end)
            {
                byte c = _b[_p];
                if (c != (byte)' ' && c != (byte)'\t' && c != (byte)'\n' && c != (byte)'\r') return;
                _p++;
            }
        }
    }
}
