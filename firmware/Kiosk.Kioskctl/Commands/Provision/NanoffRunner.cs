using System.Diagnostics;
using System.Text;

namespace Kiosk.Kioskctl.Commands.Provision;

/// <summary>Runs nanoff steps one after another, streaming their output as it comes, and stops at the first that fails.</summary>
public sealed class NanoffRunner(string nanoffPath, TextWriter output, TextWriter error, TimeSpan stepTimeout)
{
    /// <summary>What one step did: nanoff's exit code (-1 when it could not start or timed out) and everything it printed.</summary>
    public sealed record StepResult(NanoffStep Step, int ExitCode, string Output, string? Problem)
    {
        /// <summary>True when nanoff exited 0.</summary>
        public bool Ok => ExitCode == 0 && Problem is null;
    }

    /// <summary>Runs the steps in order; returns every result up to and including the first failure.</summary>
    public IReadOnlyList<StepResult> RunAll(IEnumerable<NanoffStep> steps)
    {
        var results = new List<StepResult>();
        foreach (var step in steps)
        {
            var result = Run(step);
            results.Add(result);
            if (!result.Ok) break;
        }
        return results;
    }

    /// <summary>Runs one step.</summary>
    public StepResult Run(NanoffStep step)
    {
        output.WriteLine("==> " + step.Title);
        output.WriteLine("    " + step.CommandLine);
        var start = new ProcessStartInfo(nanoffPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in step.Arguments) start.ArgumentList.Add(a);
        var captured = new StringBuilder();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("nanoff did not start");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new StepResult(step, -1, "", "nanoff could not be started (" + e.Message + ")");
        }
        using (process)
        {
            process.StandardInput.Close(); // nanoff must never wait for a key press in an unattended run
            process.OutputDataReceived += (_, e) => Forward(e.Data, output, captured);
            process.ErrorDataReceived += (_, e) => Forward(e.Data, error, captured);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(stepTimeout))
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                }
                process.WaitForExit();
                return new StepResult(step, -1, Captured(captured), "nanoff did not finish within " + (int)stepTimeout.TotalSeconds + " s");
            }
            process.WaitForExit(); // drains the asynchronous readers
            return new StepResult(step, process.ExitCode, Captured(captured), null);
        }
    }

    private static void Forward(string? line, TextWriter to, StringBuilder captured)
    {
        if (line is null) return;
        lock (captured)
        {
            captured.AppendLine(line);
            to.WriteLine("    | " + line);
        }
    }

    private static string Captured(StringBuilder captured)
    {
        lock (captured) return captured.ToString();
    }
}
