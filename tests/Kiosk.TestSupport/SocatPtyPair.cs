using System.Diagnostics;

namespace Kiosk.TestSupport;

/// <summary>
/// A pair of connected pseudo-terminals made by socat, like a null-modem cable: a host program (libnfc) opens
/// <see cref="HostPath"/> and an emulator opens <see cref="DevicePath"/>. Killed and cleaned up on dispose.
/// </summary>
public sealed class SocatPtyPair : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private SocatPtyPair(Process process, string folder)
    {
        _process = process;
        _folder = folder;
    }

    /// <summary>Symlink to the pty end for the host program (e.g. LIBNFC_DEVICE=pn532_uart:HostPath).</summary>
    public string HostPath => Path.Combine(_folder, "host");

    /// <summary>Symlink to the pty end for the emulated device.</summary>
    public string DevicePath => Path.Combine(_folder, "device");

    /// <summary>Process id of socat.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts socat and waits until both pty links exist.</summary>
    public static SocatPtyPair Start(TimeSpan? timeout = null)
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-pty-").FullName;
        var psi = new ProcessStartInfo("socat")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("pty,raw,echo=0,link=" + Path.Combine(folder, "host"));
        psi.ArgumentList.Add("pty,raw,echo=0,link=" + Path.Combine(folder, "device"));
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException("socat did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Directory.Delete(folder, true);
            throw new InvalidOperationException("socat is not installed (Debian package socat)", e);
        }
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var pair = new SocatPtyPair(process, folder);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (!(File.Exists(pair.HostPath) && File.Exists(pair.DevicePath)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                pair.Dispose();
                throw new InvalidOperationException("socat did not create the pty pair in time");
            }
            Thread.Sleep(20);
        }
        return pair;
    }

    /// <summary>Kills socat (by its pid) and removes the links.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(2000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        try { Directory.Delete(_folder, true); }
        catch (IOException) { }
    }
}
