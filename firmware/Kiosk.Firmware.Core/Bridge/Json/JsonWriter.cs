using System.Collections;
using System.Text;

namespace Kiosk.Firmware.Core.Bridge.Json
{
    /// <summary>Writes compact JSON into a reusable StringBuilder; commas are placed automatically.</summary>
    public sealed class JsonWriter
    {
        const string HexDigits = "0123456789abcdef";
        readonly StringBuilder _sb = new StringBuilder(256);
        readonly bool[] _hasItem = new bool[JsonReader.MaxDepth + 2];
        int _depth;
        bool _afterName;

        /// <summary>Empties the writer for a new document.</summary>
        public void Reset()
        {
            _sb.Clear();
            _depth = 0;
            _afterName = false;
            _hasItem[0] = false;
        }

        /// <summary>The JSON written so far.</summary>
        public override string ToString() { return _sb.ToString(); }

        /// <summary>The JSON as UTF-8 bytes.</summary>
        public byte[] ToUtf8() { return Encoding.UTF8.GetBytes(_sb.ToString()); }

        /// <summary>Starts an object.</summary>
        public JsonWriter BeginObject() { Separate(); _sb.Append('{'); Push(); return this; }
        /// <summary>Ends an object.</summary>
        public JsonWriter EndObject() { _depth--; _sb.Append('}'); return this; }
        /// <summary>Starts an array.</summary>
        public JsonWriter BeginArray() { Separate(); _sb.Append('['); Push(); return this; }
        /// <summary>Ends an array.</summary>
        public JsonWriter EndArray() { _depth--; _sb.Append(']'); return this; }

        /// <summary>Writes a member name; the next value belongs to it.</summary>
        public JsonWriter Name(string name)
        {
            Separate();
            Quote(name);
            _sb.Append(':');
            _afterName = true;
            return this;
        }

        /// <summary>Writes a string or null.</summary>
        public JsonWriter String(string? value)
        {
            Separate();
            if (value == null) _sb.Append("null"); else Quote(value);
            return this;
        }

        /// <summary>Writes an integer.</summary>
        public JsonWriter Number(long value) { Separate(); _sb.Append(value); return this; }

        /// <summary>Writes true or false.</summary>
        public JsonWriter Bool(bool value) { Separate(); _sb.Append(value ? "true" : "false"); return this; }

        /// <summary>Writes null.</summary>
        public JsonWriter Null() { Separate(); _sb.Append("null"); return this; }

        /// <summary>Writes a tree as produced by <see cref="JsonReader"/> (Hashtable, ArrayList, string, int, long, bool, null).</summary>
        public JsonWriter Value(object? v)
        {
            if (v == null) return Null();
            string? s = v as string;
            if (s != null) return String(s);
            if (v is bool) return Bool((bool)v);
            if (v is int) return Number((int)v);
            if (v is long) return Number((long)v);
            Hashtable? h = v as Hashtable;
            if (h != null)
            {
                BeginObject();
                foreach (object key in h.Keys) { Name((string)key); Value(h[key]); }
                return EndObject();
            }
            ArrayList? a = v as ArrayList;
            if (a != null)
            {
                BeginArray();
                for (int i = 0; i < a.Count; i++) Value(a[i]);
                return EndArray();
            }
            throw new JsonException("unsupported value type", _sb.Length);
        }

        void Push()
        {
            _depth++;
            if (_depth >= _hasItem.Length) throw new JsonException("nested too deeply", _sb.Length);
            _hasItem[_depth] = false;
        }

        void Separate()
        {
            if (_afterName) { _afterName = false; return; }
            if (_hasItem[_depth]) _sb.Append(',');
            _hasItem[_depth] = true;
        }

        void Quote(string s)
        {
            _sb.Append('"');
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c == '"') _sb.Append("\\\"");
                else if (c == '\\') _sb.Append("\\\\");
                else if (c == '\n') _sb.Append("\\n");
                else if (c == '\r') _sb.Append("\\r");
                else if (c == '\t') _sb.Append("\\t");
                else if (c < ' ')
                {
                    _sb.Append("\\u00").Append(HexDigits[c >> 4]).Append(HexDigits[c & 15]);
                }
                else _sb.Append(c);
            }
            _sb.Append('"');
        }
    }
}
