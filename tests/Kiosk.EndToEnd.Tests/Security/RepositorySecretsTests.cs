using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kiosk.EndToEnd.Tests.Security;

/// <summary>No private key, key store or password is committed: every test key is generated at run time.</summary>
public sealed partial class RepositorySecretsTests
{
    private static readonly string[] KeyStoreExtensions = [".pfx", ".p12", ".key", ".jks", ".keystore", ".p8"];

    // Split so this file does not match itself.
    private static readonly string PemPrivate = "PRIVATE" + " KEY-----";

    // Connection-string form (key=value up to ';'), not code that assigns a variable named password.
    [GeneratedRegex(@"(?i)(?<![A-Za-z_.])(password|pwd)=[^;""'\s{}<$]+")]
    private static partial Regex ConnectionStringPassword();

    [GeneratedRegex(@"(?i)\b(postgres(ql)?|mysql|amqp|redis)://[^:/\s]+:[^@/\s]+@")]
    private static partial Regex UrlWithPassword();

    /// <summary>Findings for one file's path and text.</summary>
    public static IEnumerable<string> Check(string path, string text)
    {
        if (KeyStoreExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase))) yield return path + ": key store file";
        if (text.Contains("-----BEGIN", StringComparison.Ordinal) && text.Contains(PemPrivate, StringComparison.Ordinal)) yield return path + ": PEM private key";
        foreach (Match m in ConnectionStringPassword().Matches(text)) yield return path + ": connection-string password '" + m.Value[..Math.Min(12, m.Value.Length)] + "…'";
        if (UrlWithPassword().IsMatch(text)) yield return path + ": URL with a password";
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kiosk.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Kiosk.sln not found above " + AppContext.BaseDirectory);
    }

    private static List<string> TrackedFiles(string root)
    {
        var psi = new ProcessStartInfo("git", "ls-files -z") { WorkingDirectory = root, RedirectStandardOutput = true, UseShellExecute = false };
        using var git = Process.Start(psi)!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    [Fact]
    public void Checker_finds_each_kind_of_secret()
    {
        Assert.NotEmpty(Check("a/server.pfx", ""));
        Assert.NotEmpty(Check("a/x.txt", "-----BEGIN RSA " + PemPrivate + "\nMII..."));
        Assert.NotEmpty(Check("a/appsettings.json", "\"ConnectionString\": \"Host=db;Username=kiosk;Pass" + "word=hunter2\""));
        Assert.NotEmpty(Check("a/run.sh", "psql postgresql://kiosk:" + "hunter2@db/kiosk"));
        Assert.Empty(Check("a/Program.cs", "var password = options.Password; // read from the environment"));
    }

    [Fact]
    public void No_tracked_file_holds_a_private_key_key_store_or_password()
    {
        var root = RepoRoot();
        var files = TrackedFiles(root);
        Assert.True(files.Count > 100, "git ls-files listed only " + files.Count + " files");
        var findings = new List<string>();
        foreach (var file in files)
        {
            var full = Path.Combine(root, file);
            if (!File.Exists(full)) continue;
            var info = new FileInfo(full);
            var text = info.Length > 4 * 1024 * 1024 ? "" : File.ReadAllText(full);
            findings.AddRange(Check(file, text));
        }
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public void Shipped_settings_carry_no_secret_values()
    {
        var root = RepoRoot();
        foreach (var file in TrackedFiles(root).Where(f => Path.GetFileName(f).StartsWith("appsettings", StringComparison.Ordinal) && f.EndsWith(".json", StringComparison.Ordinal)))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, file)), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            foreach (var (name, value) in Leaves(doc.RootElement, ""))
            {
                var secretName = Regex.IsMatch(name, "(?i)(password|deploymentkey|apikey|secret)");
                Assert.False(secretName && value.Length > 0, file + ": " + name + " has a value; secrets come from the environment or generated files");
            }
        }
    }

    private static IEnumerable<(string Name, string Value)> Leaves(JsonElement e, string prefix)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                foreach (var leaf in Leaves(p.Value, prefix + ":" + p.Name)) yield return leaf;
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray())
                foreach (var leaf in Leaves(item, prefix + ":" + i++)) yield return leaf;
                break;
            default:
                yield return (prefix, e.ValueKind == JsonValueKind.String ? e.GetString()! : e.ValueKind == JsonValueKind.Null ? "" : e.GetRawText());
                break;
        }
    }
}
