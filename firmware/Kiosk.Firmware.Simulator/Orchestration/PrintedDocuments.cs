namespace Kiosk.Firmware.Simulator.Orchestration;

/// <summary>A PDF the folder printer put out.</summary>
public sealed record PrintedDocument(string FileName, string FullPath, DateTime PrintedUtc, long Bytes);

/// <summary>The folder printer's output tray: the PDFs it wrote, newest first.</summary>
public sealed class PrintedDocuments(string folder)
{
    /// <summary>The output folder.</summary>
    public string Folder { get; } = folder;

    /// <summary>The PDFs printed so far, newest first.</summary>
    public IReadOnlyList<PrintedDocument> List()
    {
        if (!Directory.Exists(Folder)) return [];
        return new DirectoryInfo(Folder)
            .EnumerateFiles("*.pdf", SearchOption.AllDirectories)
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .Select(f => new PrintedDocument(Path.GetRelativePath(Folder, f.FullName).Replace('\\', '/'), f.FullName, f.LastWriteTimeUtc, f.Length))
            .ToArray();
    }

    /// <summary>The full path of a listed PDF by its relative name; null for anything outside the folder or not a PDF.</summary>
    public string? Resolve(string relativeName)
    {
        if (string.IsNullOrEmpty(relativeName) || !relativeName.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)) return null;
        string root = Path.GetFullPath(Folder) + Path.DirectorySeparatorChar;
        string full = Path.GetFullPath(Path.Combine(root, relativeName));
        return full.StartsWith(root, StringComparison.Ordinal) && File.Exists(full) ? full : null;
    }
}
