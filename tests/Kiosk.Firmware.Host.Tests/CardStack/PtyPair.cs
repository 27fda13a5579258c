using System.Diagnostics;

namespace Kiosk.Firmware.Host.Tests.CardStack;

/// <summary>Two connected pseudo-terminals made by a real socat (a null-modem cable); socat is killed by its pid on dispose.</summary>
internal sealed class PtyPair : IDisposable
{
    private readonly Process _socat;
    private readonly string _folder;

    private PtyPair(Process socat, string folder)
    {
        _socat = socat;
        _folder = folder;
    }

    public string HostPath => Path.Combine(_folder, "host");

    public string DevicePath => Path.Combine(_folder, "device");

    public static PtyPair Start()
    {
        string folder = Directory.CreateTempSubdirectory("kiosk-cardstack-pty-").FullName;
        var psi = new ProcessStartInfo("socat") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add("pty,raw,echo=0,link=" + Path.Combine(folder, "host"));
        psi.ArgumentList.Add("pty,raw,echo=0,link=" + Path.Combine(folder, "device"));
        var socat = Process.Start(psi)!;
        socat.BeginErrorReadLine();
        socat.BeginOutputReadLine();
        var pair = new PtyPair(socat, folder);
        DateTime deadline = DateTime.UtcNow.AddSeconds(5);
        while (!File.Exists(pair.HostPath) || !File.Exists(pair.DevicePath))
        {
            if (socat.HasExited || DateTime.UtcNow > deadline)
            {
                pair.Dispose();
                throw new InvalidOperationException("socat did not make the pty pair");
            }

            Thread.Sleep(10);
        }

        return pair;
    }

    public void Dispose()
    {
        try
        {
            if (!_socat.HasExited)
            {
                _socat.Kill();
                _socat.WaitForExit(2000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _socat.Dispose();
        Directory.Delete(_folder, true);
    }
}
