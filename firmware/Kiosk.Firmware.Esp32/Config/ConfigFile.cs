using System;
using System.Collections;
using System.IO;
using System.Text;

namespace Kiosk.Firmware.Esp32.Config
{
    /// <summary>
    /// A small "key=value" text file on the device's internal drive (I:, the LittleFS/SPIFFS partition beside the
    /// config block), written by the technician tool; lines starting with '#' are comments.
    /// </summary>
    internal static class ConfigFile
    {
        public static Hashtable Read(string path)
        {
            var values = new Hashtable();
            var text = ReadText(path);
            if (text == null) return values;
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                var eq = line.IndexOf('=');
                if (eq <= 0) continue;
                values[line.Substring(0, eq).Trim()] = line.Substring(eq + 1).Trim();
            }
            return values;
        }

        /// <summary>The whole file as UTF-8 text, or null when it does not exist.</summary>
        public static string? ReadText(string path)
        {
            if (!File.Exists(path)) return null;
            byte[] bytes;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                bytes = new byte[(int)stream.Length];
                var read = 0;
                while (read < bytes.Length)
                {
                    var n = stream.Read(bytes, read, bytes.Length - read);
                    if (n <= 0) break;
                    read += n;
                }
            }
            return Encoding.UTF8.GetString(bytes, 0, bytes.Length);
        }

        public static void Write(string path, string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush();
            }
        }

        public static string Get(Hashtable values, string key, string fallback)
        {
            var value = values[key] as string;
            return value == null || value.Length == 0 ? fallback : value;
        }

        public static int GetInt(Hashtable values, string key, int fallback)
        {
            var value = values[key] as string;
            if (value == null || value.Length == 0) return fallback;
            try
            {
                return int.Parse(value);
            }
            catch (Exception)
            {
                return fallback;
            }
        }
    }
}
