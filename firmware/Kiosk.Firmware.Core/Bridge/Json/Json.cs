using System.Collections;

namespace Kiosk.Firmware.Core.Bridge.Json
{
    /// <summary>Typed reads from a parsed object that tolerate missing or mistyped members.</summary>
    public static class Json
    {
        /// <summary>A string member, or null.</summary>
        public static string? Str(Hashtable? o, string name) { return o == null ? null : o[name] as string; }

        /// <summary>An integer member, or <paramref name="fallback"/>.</summary>
        public static int Int(Hashtable? o, string name, int fallback)
        {
            object? v = o == null ? null : o[name];
            if (v is int) return (int)v;
            return fallback;
        }

        /// <summary>A boolean member, or <paramref name="fallback"/>.</summary>
        public static bool Bool(Hashtable? o, string name, bool fallback)
        {
            object? v = o == null ? null : o[name];
            if (v is bool) return (bool)v;
            return fallback;
        }

        /// <summary>An array member, or null.</summary>
        public static ArrayList? Array(Hashtable? o, string name) { return o == null ? null : o[name] as ArrayList; }

        /// <summary>An object member, or null.</summary>
        public static Hashtable? Obj(Hashtable? o, string name) { return o == null ? null : o[name] as Hashtable; }
    }
}
