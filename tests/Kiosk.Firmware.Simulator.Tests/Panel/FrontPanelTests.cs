using System.Text.Json;
using Kiosk.Firmware.Core.Hardware;
using Kiosk.Firmware.Simulator.Board;
using Kiosk.TestSupport;
using Microsoft.Playwright;

namespace Kiosk.Firmware.Simulator.Tests.Panel;

[Collection("chromium")]
public class FrontPanelTests(ChromiumFixture chromium)
{
    private static List<Key> Drain(WebKeypad pad)
    {
        var keys = new List<Key>();
        for (Key k; (k = pad.ReadKey(0)) != Key.None;) keys.Add(k);
        return keys;
    }

    private static async Task<List<Key>> ReadKeys(WebKeypad pad, int count)
    {
        var keys = new List<Key>();
        var until = DateTime.UtcNow.AddSeconds(5);
        while (keys.Count < count && DateTime.UtcNow < until)
        {
            var k = pad.ReadKey(100);
            if (k != Key.None) keys.Add(k);
            await Task.Yield();
        }
        return keys;
    }

    [Fact]
    public async Task Pad_buttons_and_the_keyboard_reach_the_core_keypad()
    {
        await using var panel = await PanelUnderTest.StartAsync();
        var page = await chromium.Session.NewPageAsync();
        await page.GotoAsync(panel.Url);

        foreach (string name in new[] { "1", "2", "0", "Enter", "Cancel", "Clear", "Back (delete last digit)", "Up", "Down" })
            await page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();
        var clicked = await ReadKeys(panel.Simulation.Board.Keypad, 9);
        Assert.Equal([Key.D1, Key.D2, Key.D0, Key.Enter, Key.Cancel, Key.Clear, Key.Back, Key.Up, Key.Down], clicked);

        await page.Locator("body").ClickAsync(new() { Position = new Position { X = 5, Y = 5 } });
        await page.Keyboard.PressAsync("9");
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("Backspace");
        await page.Keyboard.PressAsync("Delete");
        var typed = await ReadKeys(panel.Simulation.Board.Keypad, 4);
        Assert.Equal([Key.D9, Key.Cancel, Key.Back, Key.Clear], typed);
        Assert.Empty(Drain(panel.Simulation.Board.Keypad));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_display_image_follows_each_new_frame_pixel_for_pixel()
    {
        await using var panel = await PanelUnderTest.StartAsync();
        var page = await chromium.Session.NewPageAsync();
        await page.GotoAsync(panel.Url);
        await page.WaitForFunctionAsync("document.body.dataset.frame === '0'");

        // A frame with a known pattern: a box border and a diagonal.
        var frame = new byte[FrameDisplay.Stride * FrameDisplay.Height];
        void Set(int x, int y) => frame[y * FrameDisplay.Stride + x / 8] |= (byte)(0x80 >> (x % 8));
        for (int x = 0; x < 320; x++) { Set(x, 0); Set(x, 239); }
        for (int y = 0; y < 240; y++) { Set(0, y); Set(319, y); Set(y + 40, y); }
        panel.Simulation.Board.Display.Show(frame, 0, FrameDisplay.Height);

        await page.WaitForFunctionAsync("document.body.dataset.frame === '1'", null, new() { Timeout = 5000 });
        await page.WaitForFunctionAsync("document.getElementById('screen').complete && document.getElementById('screen').naturalWidth === 320");
        // Read back what the browser decoded from our PNG.
        string json = await page.EvaluateAsync<string>("""
            () => { const img = document.getElementById('screen'); const c = document.createElement('canvas');
                    c.width = 320; c.height = 240; const g = c.getContext('2d'); g.drawImage(img, 0, 0);
                    const d = g.getImageData(0, 0, 320, 240).data; const out = [];
                    for (let i = 0; i < d.length; i += 4) out.push(d[i] < 128 ? 1 : 0); return JSON.stringify(out); }
            """);
        var dark = JsonSerializer.Deserialize<int[]>(json)!;
        int mismatches = 0;
        for (int y = 0; y < 240; y++)
        for (int x = 0; x < 320; x++)
        {
            bool ink = (frame[y * FrameDisplay.Stride + x / 8] & (0x80 >> (x % 8))) != 0;
            if (ink != (dark[y * 320 + x] == 1)) mismatches++;
        }
        Assert.Equal(0, mismatches);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Tapping_and_removing_a_card_and_the_printed_documents()
    {
        await using var panel = await PanelUnderTest.StartAsync();
        var page = await chromium.Session.NewPageAsync();
        await page.GotoAsync(panel.Url);

        await page.GetByLabel("Test resident").SelectOptionAsync("r2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tap card" }).ClickAsync();
        await Assertions.Expect(page.Locator("#card-state")).ToHaveTextAsync("On the reader: Nguyen Van An");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove card" }).ClickAsync();
        await Assertions.Expect(page.Locator("#card-state")).ToHaveTextAsync("No card on the reader.");
        Assert.Equal(["tap r2", "remove"], panel.Cards.Log);

        // Removing with no card is refused with a message the visitor can read.
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove card" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("There is no card on the reader.");

        // A PDF that the printer writes shows up as a link serving the PDF.
        await Assertions.Expect(page.Locator("#documents")).ToContainTextAsync("Nothing printed yet.");
        Directory.CreateDirectory(panel.Simulation.Printed.Folder);
        byte[] pdf = "%PDF-1.4\n%%EOF\n"u8.ToArray();
        await File.WriteAllBytesAsync(Path.Combine(panel.Simulation.Printed.Folder, "order-1.pdf"), pdf);
        var link = page.GetByRole(AriaRole.Link, new() { Name = "order-1.pdf" });
        await Assertions.Expect(link).ToBeVisibleAsync(new() { Timeout = 5000 });
        var res = await page.APIRequest.GetAsync(panel.Url + "printed/order-1.pdf");
        Assert.Equal(200, res.Status);
        Assert.Equal("application/pdf", res.Headers["content-type"]);
        Assert.Equal(pdf, await res.BodyAsync());
        Assert.Equal(404, (await page.APIRequest.GetAsync(panel.Url + "printed/..%2F..%2Fetc%2Fpasswd")).Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_register_button_shows_only_with_pay_at_register_and_says_what_is_missing()
    {
        await using (var free = await PanelUnderTest.StartAsync(payAtRegister: false))
        {
            var page = await chromium.Session.NewPageAsync();
            await page.GotoAsync(free.Url);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pay at register" })).ToBeHiddenAsync();
            await page.Context.CloseAsync();
        }
        await using var panel = await PanelUnderTest.StartAsync(payAtRegister: true);
        var p2 = await chromium.Session.NewPageAsync();
        await p2.GotoAsync(panel.Url);
        await p2.GetByRole(AriaRole.Button, new() { Name = "Pay at register" }).ClickAsync();
        await Assertions.Expect(p2.GetByRole(AriaRole.Alert)).ToHaveTextAsync("not yet available: the register in this test");
        await Assertions.Expect(p2.Locator("#parts")).ToContainTextAsync("Host bridge: not available — not started by this test");
        await p2.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280, 800, "panel-desktop")]
    [InlineData(390, 844, "panel-phone")]
    public async Task Fits_the_width_with_every_control_named(int width, int height, string shot)
    {
        await using var panel = await PanelUnderTest.StartAsync();
        var page = await chromium.Session.NewPageAsync(width, height);
        await page.GotoAsync(panel.Url);
        await page.WaitForFunctionAsync("document.body.dataset.frame !== undefined");

        int scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, "horizontal scroll: " + scrollWidth + " > " + width);
        var screenBox = await page.Locator("#screen").BoundingBoxAsync();
        Assert.NotNull(screenBox);
        Assert.True(screenBox.Width >= Math.Min(320, width - 60), "display too small: " + screenBox.Width);
        foreach (var b in await page.Locator("button.key").AllAsync())
        {
            var box = await b.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Height >= 44 && box.Width >= 44, "key smaller than a finger: " + box.Width + "x" + box.Height);
            Assert.False(string.IsNullOrWhiteSpace(await b.GetAttributeAsync("aria-label")));
        }
        Assert.Equal(16, await page.Locator("button.key").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotsDirectory(), shot + ".png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Works_as_plain_forms_without_script()
    {
        await using var panel = await PanelUnderTest.StartAsync();
        var ctx = await chromium.Session.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        ctx.SetDefaultTimeout(Browser.StepTimeoutMs);
        var page = await ctx.NewPageAsync();
        await page.GotoAsync(panel.Url);
        // The form posts and is redirected back to the same URL, so wait for the POST's own answer rather than the URL.
        var posted = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "7", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST");
        Assert.InRange(posted.Status, 300, 399);
        Assert.Equal(Key.D7, panel.Simulation.Board.Keypad.ReadKey(1000));
        await page.GetByRole(AriaRole.Button, new() { Name = "Tap card" }).ClickAsync();
        await Assertions.Expect(page.Locator("#card-state")).ToHaveTextAsync("On the reader: Yamada Taro");
        await ctx.CloseAsync();
    }
}
