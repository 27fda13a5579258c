using Kiosk.Firmware.Simulator.Tests.Board;
using Kiosk.TestSupport;

namespace Kiosk.Firmware.Simulator.Tests.Flows;

/// <summary>The core's golden frames (committed by the terminal's tests under tests/Kiosk.Firmware.Core.Tests/Ui/Golden).</summary>
public static class Golden
{
    public static string PathOf(string name) => Path.Combine(Browser.RepositoryRoot(), "tests", "Kiosk.Firmware.Core.Tests", "Ui", "Golden", name + ".png");

    /// <summary>Pixels of the golden frame (true = ink), read with this project's own PNG reader.</summary>
    public static bool[] Load(string name)
    {
        var img = PngImage.Read(File.ReadAllBytes(PathOf(name)));
        Assert.Equal(320, img.Width);
        Assert.Equal(240, img.Height);
        var dark = new bool[320 * 240];
        for (int y = 0; y < 240; y++) for (int x = 0; x < 320; x++) dark[y * 320 + x] = img.IsDark(x, y);
        return dark;
    }

    /// <summary>How many pixels differ.</summary>
    public static int Diff(bool[] a, bool[] b)
    {
        Assert.Equal(a.Length, b.Length);
        int n = 0;
        for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) n++;
        return n;
    }
}
