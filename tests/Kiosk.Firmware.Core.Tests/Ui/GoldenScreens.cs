using Kiosk.Firmware.Core.Session;
using Kiosk.Firmware.Core.Ui;
using Kiosk.Firmware.Core.Ui.Messages;

namespace Kiosk.Firmware.Core.Tests.Ui;

/// <summary>Golden frames of a few screens in every language, compared pixel for pixel with committed PNGs under Ui/Golden.
/// Set KIOSK_UPDATE_GOLDEN=1 to rewrite them after an intended change (and look at them before committing).</summary>
public class GoldenScreens
{
    static readonly SessionState[] Screens = { SessionState.Language, SessionState.PinEntry, SessionState.Locked, SessionState.Confirm };

    public static SessionContext Context()
    {
        var products = Product.ParseList((System.Collections.Hashtable)Kiosk.Firmware.Core.Bridge.Json.JsonReader.Parse(
            System.Text.Encoding.UTF8.GetBytes(Session.FakeBridge.DefaultProducts), 0, System.Text.Encoding.UTF8.GetByteCount(Session.FakeBridge.DefaultProducts))!);
        return new SessionContext
        {
            TriesLeft = 3, Products = products, Product = products[0], OptionOn = new[] { false, true, false }, Copies = 2,
            FeeText = "¥600", PaymentCode = "PAY-7731", MunicipalityName = "千代田区", ErrorId = MessageId.ErrorPrinter,
        };
    }

    public static PinPad Pin(int digits)
    {
        var p = new PinPad();
        for (var i = 0; i < digits; i++) p.Add(5);
        return p;
    }

    public static IEnumerable<object[]> Cases() =>
        from s in Screens from l in Enumerable.Range(0, Catalog.LanguageCount) select new object[] { s, Catalog.LanguageTag(l) };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Screen_matches_its_golden_image(SessionState state, string tag)
    {
        var ctx = Context();
        ctx.Language = Catalog.FindLanguage(tag);
        var m = new ScreenModel();
        ScreenBuilder.Build(state, ctx, Pin(2), new SessionConfig(), m);
        var r = new ScreenRenderer();
        r.Render(m, null);
        var path = RepoPaths.Of("tests/Kiosk.Firmware.Core.Tests/Ui/Golden/" + state + "-" + tag + ".png");
        if (Environment.GetEnvironmentVariable("KIOSK_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, Png1.Encode(r.Frame.Bits, FrameBuffer.Width, FrameBuffer.Height));
        }
        Assert.True(File.Exists(path), path + " missing: run with KIOSK_UPDATE_GOLDEN=1");
        var golden = Png1.Decode(File.ReadAllBytes(path), out var w, out var h);
        Assert.Equal((FrameBuffer.Width, FrameBuffer.Height), (w, h));
        var diff = 0;
        for (var i = 0; i < golden.Length; i++) diff += System.Numerics.BitOperations.PopCount((uint)(golden[i] ^ r.Frame.Bits[i]));
        Assert.True(diff == 0, diff + " pixels differ from " + path);
    }
}
