using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kiosk.TestSupport;

/// <summary>A real CUPS <c>ippeveprinter</c> for tests: own port, own spool folder (kept with -k), stopped by its own pid.</summary>
public sealed class IppEvePrinter : IDisposable
{
    private readonly DbusSession bus;
    private readonly bool ownsSpool;
    private readonly StringBuilder log = new();
    private Process? process;

    private IppEvePrinter(DbusSession bus, int port, string spool, bool ownsSpool, string command)
    {
        this.bus = bus;
        Port = port;
        SpoolDir = spool;
        this.ownsSpool = ownsSpool;
        Command = command;
    }

    /// <summary>TCP port on localhost.</summary>
    public int Port { get; }

    /// <summary>Folder where received documents land as &lt;job-id&gt;-&lt;job-name&gt;.pdf.</summary>
    public string SpoolDir { get; }

    /// <summary>The -c print command in use.</summary>
    public string Command { get; private set; }

    /// <summary>The printer URI to give an IPP client.</summary>
    public Uri Uri => new("ipp://localhost:" + Port + "/ipp/print");

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => process is { HasExited: false };

    /// <summary>Everything the printer wrote to stdout/stderr, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>Starts a printer accepting application/pdf, running <paramref name="command"/> (default /bin/true) per job.</summary>
    public static IppEvePrinter Start(DbusSession bus, string command = "/bin/true", int port = 0, string? spoolDir = null)
    {
        var printer = new IppEvePrinter(bus, port == 0 ? FreePort() : port,
            spoolDir ?? Directory.CreateTempSubdirectory("kiosk-ipp-spool-").FullName, spoolDir is null, command);
        printer.Launch();
        return printer;
    }

    /// <summary>A port nobody listens on, for "printer offline" tests.</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>Writes an executable shell script into <paramref name="folder"/> and returns its path (for -c).</summary>
    public static string WriteScript(string folder, string name, string body)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    /// <summary>Kills the printer (and the job command it runs), as a power cut or crash would.</summary>
    public void Stop()
    {
        if (process is null)
        {
            return;
        }
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            process.WaitForExit(5_000);
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
        process = null;
    }

    /// <summary>Starts the printer again on the same port and spool, optionally with another print command.</summary>
    public void Restart(string? command = null)
    {
        Stop();
        if (command is not null)
        {
            Command = command;
        }
        Launch();
    }

    /// <summary>Documents received so far.</summary>
    public string[] SpoolPdfs() =>
        Directory.Exists(SpoolDir) ? Directory.GetFiles(SpoolDir, "*.pdf").OrderBy(f => f, StringComparer.Ordinal).ToArray() : Array.Empty<string>();

    /// <summary>Stops the printer and removes the spool folder it created.</summary>
    public void Dispose()
    {
        Stop();
        if (ownsSpool)
        {
            try
            {
                Directory.Delete(SpoolDir, true);
            }
            catch (IOException)
            {
            }
        }
    }

    private void Launch()
    {
        var psi = new ProcessStartInfo("ippeveprinter")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-v", "-d", SpoolDir, "-k", "-c", Command, "-n", "localhost", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-r", "off", "-f", "application/pdf", "KioskTestPrinter" })
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["DBUS_SYSTEM_BUS_ADDRESS"] = bus.Address;
        psi.Environment["DBUS_SESSION_BUS_ADDRESS"] = bus.Address;
        var p = Process.Start(psi) ?? throw new InvalidOperationException("ippeveprinter did not start");
        p.OutputDataReceived += (_, e) => Append(e.Data);
        p.ErrorDataReceived += (_, e) => Append(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        process = p;
        var until = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < until)
        {
            if (p.HasExited)
            {
                throw new InvalidOperationException("ippeveprinter exited with " + p.ExitCode + ": " + Log);
            }
            try
            {
                using var c = new TcpClient();
                c.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        Stop();
        throw new TimeoutException("ippeveprinter did not listen on port " + Port + ": " + Log);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            if (log.Length < 200_000)
            {
                log.AppendLine(line);
            }
        }
    }
}
