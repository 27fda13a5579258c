namespace Kiosk.Firmware.Simulator.Orchestration;

/// <summary>Finds the repository root: the nearest folder upwards that holds Kiosk.sln.</summary>
public static class RepositoryRoot
{
    /// <summary>The root above <paramref name="start"/>, or null when there is none (an installed copy).</summary>
    public static string? Find(string start)
    {
        for (var d = new DirectoryInfo(start); d != null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Kiosk.sln"))) return d.FullName;
        }
        return null;
    }
}
