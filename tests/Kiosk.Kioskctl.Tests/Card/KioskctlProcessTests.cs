using System.Diagnostics;

namespace Kiosk.Kioskctl.Tests.Card;

/// <summary>The real kioskctl program as a separate process: exit codes and one-line errors as a technician's shell sees them.</summary>
public class KioskctlProcessTests
{
    private static (int Exit, string Out, string Error) Run(string stdin, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "kioskctl.dll");
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        Task<string> output = p.StandardOutput.ReadToEndAsync();
        Task<string> error = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), "kioskctl hung");
        return (p.ExitCode, output.Result, error.Result);
    }

    [Fact]
    public void Sign_test_and_wrong_PIN_as_a_process()
    {
        using var reader = new TcpPn532("yamamoto-sachiko");
        var ok = Run("0303\n", "card", "sign-test", "--pn532", reader.Address, "--pin-stdin");
        Assert.True(ok.Exit == 0, ok.Error);
        Assert.Contains("signature:   OK", ok.Out);

        var wrong = Run("1111\n", "card", "sign-test", "--pn532", reader.Address, "--pin-stdin");
        Assert.Equal(6, wrong.Exit);
        Assert.Equal("kioskctl: wrong PIN, 2 tries left\n", wrong.Error);
        Assert.DoesNotContain("1111", wrong.Out + wrong.Error);
    }

    [Fact]
    public void Without_pin_stdin_and_with_redirected_input_it_asks_for_pin_stdin()
    {
        using var reader = new TcpPn532("tanaka-hanako");
        var run = Run(string.Empty, "card", "sign-test", "--pn532", reader.Address);
        Assert.Equal(2, run.Exit);
        Assert.Equal("kioskctl: no terminal to read the PIN from; use --pin-stdin\n", run.Error);
        Assert.Equal(3, reader.Card!.AuthPinTriesLeft);
    }
}
