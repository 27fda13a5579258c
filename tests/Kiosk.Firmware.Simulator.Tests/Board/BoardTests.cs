using Kiosk.Firmware.Core.Hardware;
using Kiosk.Firmware.Simulator.Board;

namespace Kiosk.Firmware.Simulator.Tests.Board;

public class BoardTests
{
    [Fact]
    public void Keypad_gives_presses_in_order_then_none_after_the_timeout()
    {
        using var pad = new WebKeypad();
        Assert.True(pad.Press(Key.D1));
        Assert.True(pad.Press(Key.Enter));
        Assert.Equal(Key.D1, pad.ReadKey(0));
        Assert.Equal(Key.Enter, pad.ReadKey(0));
        var t0 = Environment.TickCount64;
        Assert.Equal(Key.None, pad.ReadKey(50));
        Assert.True(Environment.TickCount64 - t0 >= 40);
    }

    [Fact]
    public async Task Keypad_wakes_a_waiting_reader()
    {
        using var pad = new WebKeypad();
        var reader = Task.Run(() => pad.ReadKey(5000));
        await Task.Delay(50);
        pad.Press(Key.Cancel);
        Assert.Equal(Key.Cancel, await reader.WaitAsync(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Keypad_is_bounded_and_clear_drops_unread_presses()
    {
        using var pad = new WebKeypad();
        int accepted = 0;
        for (int i = 0; i < 200; i++) if (pad.Press(Key.D5)) accepted++;
        Assert.Equal(64, accepted);
        Assert.False(pad.Press(Key.None));
        pad.Clear();
        Assert.Equal(0, pad.Pending);
        Assert.Equal(Key.None, pad.ReadKey(0));
    }

    [Theory]
    [InlineData("0", Key.D0)]
    [InlineData("7", Key.D7)]
    [InlineData("enter", Key.Enter)]
    [InlineData("Cancel", Key.Cancel)]
    [InlineData("clear", Key.Clear)]
    [InlineData("back", Key.Back)]
    [InlineData("up", Key.Up)]
    [InlineData("down", Key.Down)]
    public void Key_names_round_trip(string name, Key key)
    {
        Assert.True(KeyNames.TryParse(name, out var parsed));
        Assert.Equal(key, parsed);
        Assert.Equal(name.ToLowerInvariant(), KeyNames.NameOf(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("10")]
    [InlineData("none")]
    [InlineData("a")]
    public void Unknown_key_names_are_refused(string? name)
    {
        Assert.False(KeyNames.TryParse(name, out _));
    }

    [Fact]
    public void Display_keeps_the_rows_shown_and_counts_versions()
    {
        var d = new FrameDisplay();
        var frame = new byte[FrameDisplay.Stride * FrameDisplay.Height];
        frame[FrameDisplay.Stride * 10] = 0xAA;
        frame[FrameDisplay.Stride * 20] = 0x55;
        d.Show(frame, 10, 1); // only row 10
        var snap = d.Snapshot(out long v);
        Assert.Equal(1, v);
        Assert.Equal(0xAA, snap[FrameDisplay.Stride * 10]);
        Assert.Equal(0, snap[FrameDisplay.Stride * 20]);
        d.Show(frame, 0, FrameDisplay.Height);
        snap = d.Snapshot(out v);
        Assert.Equal(2, v);
        Assert.Equal(0x55, snap[FrameDisplay.Stride * 20]);
    }

    [Fact]
    public void Display_refuses_rows_outside_the_screen()
    {
        var d = new FrameDisplay();
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Show(new byte[9600], 230, 20));
        Assert.Throws<ArgumentException>(() => d.Show(new byte[40], 0, 2));
    }

    [Fact]
    public async Task Display_signals_watchers_on_a_new_frame()
    {
        var d = new FrameDisplay();
        var wait = d.WaitForChangeAsync(0, CancellationToken.None);
        Assert.False(wait.IsCompleted);
        d.Show(new byte[9600], 0, 240);
        Assert.Equal(1, await wait.WaitAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal(1, await d.WaitForChangeAsync(0, CancellationToken.None)); // already changed: at once
    }

    [Fact]
    public void Random_source_fills_only_the_range_asked()
    {
        var r = new CryptoRandomSource();
        var buf = new byte[64];
        r.NextBytes(buf, 16, 32);
        Assert.All(buf[..16], b => Assert.Equal(0, b));
        Assert.All(buf[48..], b => Assert.Equal(0, b));
        Assert.Contains(buf[16..48], b => b != 0);
    }

    [Fact]
    public void Clock_is_monotonic_and_utc()
    {
        var c = new SystemClock();
        long a = c.MonotonicMs;
        Thread.Sleep(20);
        Assert.True(c.MonotonicMs >= a + 15);
        Assert.Equal(DateTimeKind.Utc, c.UtcNow.Kind);
    }
}
