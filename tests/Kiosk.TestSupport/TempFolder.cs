namespace Kiosk.TestSupport;

/// <summary>A fresh folder path under the system temp folder, deleted with everything in it when disposed.</summary>
/// <remarks>The folder is not created here: the code under test creates what it needs. A caller whose files stay open in
/// a pool (SQLite) passes <c>beforeDelete</c> to release them, so the delete can succeed.</remarks>
public sealed class TempFolder : IDisposable
{
    private readonly Action? _beforeDelete;

    /// <summary>Names a folder <paramref name="prefix"/> plus a random suffix; <paramref name="beforeDelete"/> runs first on dispose.</summary>
    public TempFolder(string prefix, Action? beforeDelete = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..10]);
        _beforeDelete = beforeDelete;
    }

    /// <summary>Like the constructor, but creates the folder at once (for a caller that writes its own files into it).</summary>
    public static TempFolder Created(string prefix, Action? beforeDelete = null)
    {
        var folder = new TempFolder(prefix, beforeDelete);
        Directory.CreateDirectory(folder.Path);
        return folder;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Releases what holds the files, then deletes the folder; a file still held by a stopping process is left to the OS.</summary>
    public void Dispose()
    {
        _beforeDelete?.Invoke();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Cleanup only: what a stopping process still holds is left to the OS's temp cleaning.
        }
    }
}
