using Kiosk.Hardware.Emulator.Pki;

namespace Kiosk.Kioskctl.Tests.Card;

/// <summary>kioskctl card commands against the PN532 emulator over TCP, with the virtual cards of the test profiles.</summary>
public class CardCommandsOverPn532Tests
{
    private static readonly JpkiTestPki Pki = JpkiTestPki.Create();

    [Fact]
    public void Card_info_prints_type_certificate_and_tries()
    {
        using var reader = new TcpPn532("tanaka-hanako");
        var run = Kioskctl.Invoke(string.Empty, "card", "info", "--pn532", reader.Address);
        Assert.True(run.Exit == 0, run.Error);
        var cert = Pki.Resident("tanaka-hanako").AuthCertificate;
        Assert.Contains("reader:      PN532 v1.6 at " + reader.Address, run.Out);
        Assert.Contains("card type:   My Number Card (JPKIAPICCTOKEN2)", run.Out);
        Assert.Contains("subject:     " + cert.Subject, run.Out);
        Assert.Contains("serial:      " + cert.SerialNumber, run.Out);
        Assert.Contains("valid until: " + cert.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss") + "Z", run.Out);
        Assert.Contains("tries left:  3", run.Out);
        Assert.Equal(string.Empty, run.Error);
        Assert.Equal(3, reader.Card!.AuthPinTriesLeft);
    }

    [Fact]
    public void Sign_test_with_the_right_PIN_from_stdin_verifies_the_signature()
    {
        using var reader = new TcpPn532("tanaka-hanako");
        var run = Kioskctl.Invoke("1234\n", "card", "sign-test", "--pn532", reader.Address, "--pin-stdin");
        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("signature:   OK", run.Out);
        Assert.DoesNotContain("1234", run.Out + run.Error);
    }

    [Fact]
    public void Sign_test_reads_the_PIN_from_the_no_echo_prompt()
    {
        using var reader = new TcpPn532("nguyen-van-an");
        var prompt = new Kioskctl.ScriptedPinPrompt("2580");
        var run = Kioskctl.Invoke(string.Empty, prompt, "card", "sign-test", "--pn532", reader.Address);
        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal(1, prompt.Prompts);
    }

    [Fact]
    public void Without_a_terminal_and_without_pin_stdin_it_says_how_to_give_the_PIN()
    {
        using var reader = new TcpPn532("tanaka-hanako");
        var run = Kioskctl.Invoke(string.Empty, "card", "sign-test", "--pn532", reader.Address);
        Assert.Equal(2, run.Exit);
        Assert.Equal("kioskctl: no terminal to read the PIN from; use --pin-stdin" + Environment.NewLine, run.Error);
        Assert.Equal(3, reader.Card!.AuthPinTriesLeft);
    }

    [Fact]
    public void Wrong_PIN_is_one_line_with_tries_left_and_exit_6()
    {
        using var reader = new TcpPn532("tanaka-hanako");
        var run = Kioskctl.Invoke("9999\n", "card", "sign-test", "--pn532", reader.Address, "--pin-stdin");
        Assert.True(run.Exit == 6, run.Error + string.Join("\n", reader.Log));
        Assert.Equal("kioskctl: wrong PIN, 2 tries left" + Environment.NewLine, run.Error);
        Assert.DoesNotContain("9999", run.Out + run.Error);
    }

    [Fact]
    public void One_try_left_is_refused_unless_acknowledged()
    {
        using var reader = new TcpPn532("suzuki-ichiro"); // 1 try left
        var refused = Kioskctl.Invoke("4321\n", "card", "sign-test", "--pn532", reader.Address, "--pin-stdin");
        Assert.Equal(8, refused.Exit);
        Assert.StartsWith("kioskctl: only 1 PIN try left", refused.Error);
        Assert.Equal(1, reader.Card!.AuthPinTriesLeft);

        var accepted = Kioskctl.Invoke("4321\n", "card", "sign-test", "--pn532", reader.Address, "--pin-stdin", "--i-understand-last-try");
        Assert.True(accepted.Exit == 0, accepted.Error);
    }

    [Fact]
    public void A_locked_card_is_exit_7_for_both_commands()
    {
        using var reader = new TcpPn532("sato-kenji");
        var info = Kioskctl.Invoke(string.Empty, "card", "info", "--pn532", reader.Address);
        Assert.Equal(7, info.Exit);
        Assert.Contains("tries left:  0 (locked)", info.Out);
        var sign = Kioskctl.Invoke("5555\n", "card", "sign-test", "--pn532", reader.Address, "--pin-stdin");
        Assert.Equal(7, sign.Exit);
        Assert.Equal("kioskctl: the authentication PIN is locked; it can only be reset at the municipal office" + Environment.NewLine, sign.Error);
    }

    [Fact]
    public void No_card_in_the_field_is_exit_4()
    {
        using var reader = new TcpPn532(null);
        var run = Kioskctl.Invoke(string.Empty, "card", "info", "--pn532", reader.Address);
        Assert.Equal(4, run.Exit);
        Assert.Equal("kioskctl: no card on the reader" + Environment.NewLine, run.Error);
    }

    [Fact]
    public void Another_card_is_exit_5()
    {
        using var reader = new TcpPn532("transit-card");
        var run = Kioskctl.Invoke(string.Empty, "card", "info", "--pn532", reader.Address);
        Assert.Equal(5, run.Exit);
        Assert.Equal("kioskctl: the card is not a My Number Card (no JPKI application)" + Environment.NewLine, run.Error);
    }

    [Fact]
    public void A_malformed_PIN_is_refused_before_the_card_sees_it()
    {
        using var reader = new TcpPn532("tanaka-hanako");
        var run = Kioskctl.Invoke("12345\n", "card", "sign-test", "--pn532", reader.Address, "--pin-stdin");
        Assert.Equal(2, run.Exit);
        Assert.Equal("kioskctl: the PIN must be exactly 4 digits" + Environment.NewLine, run.Error);
        Assert.Equal(3, reader.Card!.AuthPinTriesLeft);
    }
}
