namespace Kiosk.Firmware.Core.Tests.ApiSurface;

/// <summary>Finds the repository root (the folder holding Kiosk.sln) and the shared folder beside it.</summary>
internal static class RepoPaths
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kiosk.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Kiosk.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>&lt;repo&gt;/../shared/nanoframework-api.</summary>
    public static string NanoApiFolder()
    {
        var folder = Path.GetFullPath(Path.Combine(Root(), "..", "shared", "nanoframework-api"));
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException("the nanoFramework API listings are expected at " + folder + " (beside the repository)");
        return folder;
    }
}
