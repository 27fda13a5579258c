namespace Kiosk.Kioskctl.Commands.Provision;

/// <summary>The deployment bundle folder: created 0700, every file created 0600 from its first byte (no window where it is readable).</summary>
public sealed class BundleFolder
{
    private const UnixFileMode OwnerOnlyDir = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private BundleFolder(string path) => Path = path;

    /// <summary>Absolute path of the folder.</summary>
    public string Path { get; }

    /// <summary>Creates the folder; null when it already exists with content (a bundle is never overwritten).</summary>
    public static BundleFolder? Create(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any()) return null;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(full);
        else
        {
            Directory.CreateDirectory(full, OwnerOnlyDir);
            File.SetUnixFileMode(full, OwnerOnlyDir); // an existing empty folder may have been wider
        }
        return new BundleFolder(full);
    }

    /// <summary>Writes a file readable by the owner only; returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFile;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
        return path;
    }

    /// <summary>Copies a file in (firmware or application image), owner-only as well.</summary>
    public string CopyIn(string source, string name)
    {
        var path = System.IO.Path.Combine(Path, name);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFile;
        using var target = new FileStream(path, options);
        using var from = File.OpenRead(source);
        from.CopyTo(target);
        return path;
    }

    /// <summary>Removes the folder and everything in it (after a refused enrolment the key is useless).</summary>
    public void Delete()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
