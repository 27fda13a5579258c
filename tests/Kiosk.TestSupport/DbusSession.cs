using System.Diagnostics;

namespace Kiosk.TestSupport;

/// <summary>A private dbus-daemon for one test run (ippeveprinter's Avahi client needs a bus even with -r off).</summary>
public sealed class DbusSession : IDisposable
{
    private readonly string dir;
    private readonly int pid;

    private DbusSession(string dir, int pid, string address)
    {
        this.dir = dir;
        this.pid = pid;
        Address = address;
    }

    /// <summary>The bus address, for DBUS_SYSTEM_BUS_ADDRESS / DBUS_SESSION_BUS_ADDRESS.</summary>
    public string Address { get; }

    /// <summary>Starts <c>dbus-daemon --session --fork</c> on a socket in a fresh temp folder.</summary>
    public static DbusSession Start()
    {
        var dir = Directory.CreateTempSubdirectory("kiosk-dbus-").FullName;
        var socket = Path.Combine(dir, "bus");
        var address = "unix:path=" + socket;
        var psi = new ProcessStartInfo("dbus-daemon")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--session", "--address=" + address, "--fork", "--print-pid", "--nopidfile" })
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("dbus-daemon did not start");
        var line = p.StandardOutput.ReadLine();
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit(10_000);
        if (!int.TryParse(line?.Trim(), out var pid))
        {
            Directory.Delete(dir, true);
            throw new InvalidOperationException("dbus-daemon gave no pid: " + line + " " + err);
        }
        var until = DateTime.UtcNow.AddSeconds(5);
        while (!File.Exists(socket) && DateTime.UtcNow < until)
        {
            Thread.Sleep(20);
        }
        return new DbusSession(dir, pid, address);
    }

    /// <summary>Stops the daemon (by its own pid) and removes its folder.</summary>
    public void Dispose()
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            p.Kill();
            p.WaitForExit(5_000);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
        }
        try
        {
            Directory.Delete(dir, true);
        }
        catch (IOException)
        {
        }
    }
}
