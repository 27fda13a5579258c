namespace Kiosk.Firmware.Core.Tests.Ui;

/// <summary>The repository root (the folder holding Kiosk.sln) and files in it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Kiosk.Firmware.AssetBuild.AssetPaths.FindRepoRoot(AppContext.BaseDirectory);
    public static string Of(string relative) => Path.Combine(Root, relative);
}
