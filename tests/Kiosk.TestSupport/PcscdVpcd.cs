using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kiosk.TestSupport;

/// <summary>
/// Starts pcscd in the foreground with its own reader configuration: one vsmartcard vpcd reader pair on a free port
/// (readers "<see cref="FriendlyName"/> 00 00" on <see cref="Port"/> and "… 00 01" on Port+1). Only one pcscd can run per
/// machine, so a machine-wide lock file serialises every test that uses this (across test projects); the lock is held
/// until dispose, which kills our pcscd by its pid and removes the temp folder. A virtual card connects to 127.0.0.1:Port
/// as a TCP client (e.g. the emulator's VpcdClient).
/// </summary>
public sealed class PcscdVpcd : IDisposable
{
    /// <summary>Reader name prefix.</summary>
    public const string FriendlyName = "Kiosk PCD";
    private const string VpcdDriver = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so";
    private static readonly SemaphoreSlim InProcess = new(1, 1);
    private readonly FileStream _lock;
    private readonly string _folder;
    private Process? _process;

    private PcscdVpcd(FileStream machineLock, string folder, int port)
    {
        _lock = machineLock;
        _folder = folder;
        Port = port;
    }

    /// <summary>TCP port vpcd listens on for the first reader.</summary>
    public int Port { get; }

    /// <summary>PC/SC name of the first reader.</summary>
    public string ReaderName => FriendlyName + " 00 00";

    /// <summary>pcscd's output (start-up errors, reader events).</summary>
    public string LogPath => Path.Combine(_folder, "pcscd.log");

    /// <summary>Process id of our pcscd.</summary>
    public int ProcessId => _process?.Id ?? 0;

    /// <summary>Waits for the machine-wide lock (up to <paramref name="lockTimeout"/>, default 3 minutes), then starts pcscd.</summary>
    public static PcscdVpcd Start(TimeSpan? lockTimeout = null)
    {
        if (!File.Exists(VpcdDriver)) throw new InvalidOperationException("vpcd driver missing: install Debian package vsmartcard-vpcd");
        var wait = lockTimeout ?? TimeSpan.FromMinutes(3);
        if (!InProcess.Wait(wait)) throw new TimeoutException("another test in this process holds pcscd");
        FileStream? machineLock = null;
        try
        {
            machineLock = AcquireMachineLock(wait);
            var running = Process.GetProcessesByName("pcscd");
            if (running.Length > 0)
                throw new InvalidOperationException("a pcscd not started by PcscdVpcd is running (pid " + running[0].Id + "); stop it first");
            var folder = Directory.CreateTempSubdirectory("kiosk-pcscd-").FullName;
            var port = FreePortPair();
            var instance = new PcscdVpcd(machineLock, folder, port);
            try
            {
                instance.Launch();
            }
            catch
            {
                instance.Dispose();
                throw;
            }
            return instance;
        }
        catch
        {
            if (machineLock is not null) machineLock.Dispose();
            InProcess.Release();
            throw;
        }
    }

    private void Launch()
    {
        var conf = Path.Combine(_folder, "reader.conf.d");
        Directory.CreateDirectory(conf);
        File.WriteAllText(Path.Combine(conf, "vpcd"),
            "FRIENDLYNAME \"" + FriendlyName + "\"\nDEVICENAME /dev/null:0x" + Port.ToString("X4") + "\nLIBPATH " + VpcdDriver + "\nCHANNELID 0x" + Port.ToString("X4") + "\n");
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        // Through sh only to send pcscd's output to a file; exec keeps the pid ours.
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec pcscd -f -c \"$0\" >\"$1\" 2>&1");
        psi.ArgumentList.Add(conf);
        psi.ArgumentList.Add(LogPath);
        _process = Process.Start(psi) ?? throw new InvalidOperationException("pcscd did not start");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!PortOpen(Port))
        {
            if (_process.HasExited) throw new InvalidOperationException("pcscd exited at start: " + File.ReadAllText(LogPath));
            if (DateTime.UtcNow > deadline) throw new TimeoutException("vpcd did not listen on port " + Port + ": " + File.ReadAllText(LogPath));
            Thread.Sleep(50);
        }
    }

    /// <summary>Waits until <c>opensc-tool --list-readers</c> shows our first reader with (or without) a card.</summary>
    public bool WaitForCard(bool present, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var psi = new ProcessStartInfo("opensc-tool") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("--list-readers");
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            var line = output.Split('\n').FirstOrDefault(l => l.Contains(ReaderName, StringComparison.Ordinal));
            if (line is not null && line.Contains(" Yes ", StringComparison.Ordinal) == present) return true;
            Thread.Sleep(100);
        }
        return false;
    }

    /// <summary>Kills pcscd (our pid only), deletes the temp folder, releases the lock.</summary>
    public void Dispose()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process?.Dispose();
        try { Directory.Delete(_folder, true); }
        catch (IOException) { }
        _lock.Dispose();
        InProcess.Release();
    }

    private static FileStream AcquireMachineLock(TimeSpan wait)
    {
        var path = Path.Combine(Path.GetTempPath(), "kiosk-pcscd.lock");
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }

    private static bool PortOpen(int port)
    {
        // Read the kernel's socket table instead of connecting: vpcd would take a probe connection for a card.
        var needle = ":" + port.ToString("X4") + " ";
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 3 && (fields[1] + " ").EndsWith(needle, StringComparison.Ordinal) && fields[3] == "0A") return true;
            }
        }
        return false;
    }

    private static int FreePortPair()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = Random.Shared.Next(40000, 60000);
            if (IsFree(port) && IsFree(port + 1)) return port;
        }
        throw new InvalidOperationException("no free TCP port pair for vpcd");
    }

    private static bool IsFree(int port)
    {
        try
        {
            var l = new TcpListener(IPAddress.Any, port);
            l.Start();
            l.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
