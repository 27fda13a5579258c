using System.Diagnostics;
using System.Globalization;

namespace Kiosk.Firmware.AssetBuild;

/// <summary>A 1-bit image read from pango-view's PGM output (true = ink).</summary>
public sealed class Bitmap1
{
    public Bitmap1(int width, int height) { Width = width; Height = height; Ink = new bool[width * height]; }
    public int Width { get; }
    public int Height { get; }
    public bool[] Ink { get; }
    public bool this[int x, int y] => x >= 0 && y >= 0 && x < Width && y < Height && Ink[y * Width + x];
}

/// <summary>Runs pango-view (Debian pango1.0-tools, ft2 backend, no antialiasing) and reads back its PGM.</summary>
public static class PangoRenderer
{
    /// <summary>Pixel size of every font; with a 15/4 cell this gives 19-pixel lines, 12 lines on the 240-pixel display.</summary>
    public const int PixelSize = 15;

    public static Bitmap1 Render(string text, string fontFamilies, string language, int wrapWidth)
    {
        var dir = Path.Combine(Path.GetTempPath(), "kiosk-pango-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var input = Path.Combine(dir, "in.txt");
            var output = Path.Combine(dir, "out.pgm");
            File.WriteAllText(input, text);
            var psi = new ProcessStartInfo("pango-view") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in new[] { "-q", "--backend=ft2", "--pixels", "--margin=0", "--hinting=full", "--antialias=none",
                         "--dpi=72", "--language=" + language, "--font=" + fontFamilies + " " + PixelSize.ToString(CultureInfo.InvariantCulture) })
                psi.ArgumentList.Add(a);
            if (wrapWidth > 0) { psi.ArgumentList.Add("--width=" + wrapWidth.ToString(CultureInfo.InvariantCulture)); psi.ArgumentList.Add("--wrap=word-char"); }
            psi.ArgumentList.Add("-o"); psi.ArgumentList.Add(output); psi.ArgumentList.Add(input);
            psi.Environment["LC_ALL"] = "C.UTF-8";
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEnd();
            p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(60_000)) { p.Kill(); throw new TimeoutException("pango-view hung"); }
            if (p.ExitCode != 0) throw new InvalidOperationException("pango-view failed: " + err);
            return ReadPgm(File.ReadAllBytes(output));
        }
        finally { Directory.Delete(dir, true); }
    }

    static Bitmap1 ReadPgm(byte[] data)
    {
        var pos = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)data[pos])) pos++;
            var start = pos;
            while (!char.IsWhiteSpace((char)data[pos])) pos++;
            return System.Text.Encoding.ASCII.GetString(data, start, pos - start);
        }
        if (Token() != "P5") throw new InvalidDataException("not a binary PGM");
        var w = int.Parse(Token(), CultureInfo.InvariantCulture);
        var h = int.Parse(Token(), CultureInfo.InvariantCulture);
        Token();
        pos++;
        var bmp = new Bitmap1(w, h);
        for (var i = 0; i < w * h; i++) bmp.Ink[i] = data[pos + i] < 128;
        return bmp;
    }
}
