using Kiosk.Kioskctl.Cli;
using Kiosk.Kioskctl.Commands.Provision;

namespace Kiosk.Kioskctl.Tests.Provision;

/// <summary>Command-line checks of <c>kioskctl provision</c> that need no bridge (the enrolment itself is tested against a real bridge in Kiosk.HostBridge.Tests/Fleet).</summary>
public sealed class ProvisionCommandLineTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "kioskctl-prov-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CommandTable.Default().Run(args, new CommandContext(output, error, new MemoryStream(), new NoPrompt()));
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("--token", "t", "--bridge", "https://b:8444", "--port", "COM3")]
    [InlineData("--store", "s1", "--bridge", "https://b:8444", "--port", "COM3")]
    [InlineData("--store", "s1", "--token", "t", "--port", "COM3")]
    [InlineData("--store", "s1", "--token", "t", "--bridge", "https://b:8444")]
    public void Missing_required_option_is_a_usage_error(params string[] options)
    {
        var (code, _, err) = Run(["provision", .. options]);
        Assert.Equal(ExitCode.Usage, code);
        Assert.Contains("is required", err);
    }

    [Fact]
    public void Plain_http_bridge_is_refused_before_any_key_is_made()
    {
        var outDir = Path.Combine(_work, "b");
        var (code, _, err) = Run("provision", "--store", "s1", "--token", "t", "--bridge", "http://b:8444", "--port", "COM3", "--out", outDir);
        Assert.Equal(ExitCode.Usage, code);
        Assert.Contains("https://", err);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Unreachable_bridge_fails_cleanly_and_leaves_no_key_behind()
    {
        var outDir = Path.Combine(_work, "b");
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        var (code, _, err) = Run("provision", "--store", "s1", "--token", "t", "--bridge", "https://127.0.0.1:1", "--port", "COM3", "--out", outDir);
        Assert.Equal(ExitCode.BridgeUnreachable, code);
        Assert.Contains("cannot reach", err);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Running_nanoff_needs_pinned_versions_before_the_token_is_spent()
    {
        using var nanoff = new Kiosk.TestSupport.StandInNanoff();
        var outDir = Path.Combine(_work, "b");
        var (code, _, err) = Run("provision", "--store", "s1", "--token", "t", "--bridge", "https://127.0.0.1:1", "--port", "COM3", "--out", outDir,
            "--nanoff", nanoff.Executable);
        Assert.Equal(ExitCode.Usage, code);
        Assert.Contains("--fw-version is required", err);
        Assert.Empty(nanoff.Calls);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Nanoff_is_found_only_where_it_exists()
    {
        Directory.CreateDirectory(_work);
        Assert.Null(NanoffLocator.Find(null, _work));
        File.WriteAllText(Path.Combine(_work, "nanoff"), "");
        Assert.Equal(Path.Combine(_work, "nanoff"), NanoffLocator.Find(null, "/nonexistent" + Path.PathSeparator + _work));
    }

    private sealed class NoPrompt : IPinPrompt
    {
        public int Read(string prompt, byte[] pin) => -1;
    }
}
