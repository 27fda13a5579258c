using System.Diagnostics;

namespace Kiosk.Hardware.Emulator.Tests;

/// <summary>Runs an external program to completion and captures its output.</summary>
internal static class Tools
{
    public static (int ExitCode, string Output) Run(string program, params string[] args) => RunWithEnv(program, null, 30, args);

    public static (int ExitCode, string Output) RunWithEnv(string program, IDictionary<string, string>? env, int timeoutSeconds, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException(program + " did not finish in " + timeoutSeconds + " s");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
