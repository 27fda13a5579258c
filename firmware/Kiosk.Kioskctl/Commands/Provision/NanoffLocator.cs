namespace Kiosk.Kioskctl.Commands.Provision;

/// <summary>Finds the nanoff executable on PATH (or at an explicit path).</summary>
public static class NanoffLocator
{
    /// <summary>The full path of nanoff, or null when it is not installed.</summary>
    public static string? Find(string? explicitPath, string? pathVariable)
    {
        if (explicitPath is not null) return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        foreach (var dir in (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OperatingSystem.IsWindows() ? new[] { "nanoff.exe", "nanoff.cmd" } : new[] { "nanoff" })
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
