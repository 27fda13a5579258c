namespace Kiosk.TestSupport;

/// <summary>
/// A stand-in <c>nanoff</c> executable (a shell script) for tests: the real nanoff cannot be installed here (no nanoFramework
/// packages are served) and needs a board on a serial port. It records every argument line, prints nanoff-like progress, answers
/// the device-details read-back with the versions it is told, and fails any call whose arguments contain a given text.
/// </summary>
public sealed class StandInNanoff : IDisposable
{
    /// <summary>Creates the script in a fresh folder.</summary>
    public StandInNanoff()
    {
        Folder = Path.Combine(Path.GetTempPath(), "standin-nanoff-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Folder);
        Configure("1.12.0.53", "0.1.0.0", null);
        File.WriteAllText(Executable, Script);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The folder holding the script, its configuration and its call log.</summary>
    public string Folder { get; }

    /// <summary>Path of the executable.</summary>
    public string Executable => Path.Combine(Folder, "nanoff");

    /// <summary>Sets what the device reports (nanoCLR and application versions) and which call fails (null: none).</summary>
    public void Configure(string clrVersion, string appVersion, string? failWhenArgumentsContain)
    {
        File.WriteAllText(Path.Combine(Folder, "standin.conf"),
            "CLR='" + clrVersion + "'\nAPP='" + appVersion + "'\nFAIL='" + (failWhenArgumentsContain ?? "") + "'\n");
    }

    /// <summary>Every call's arguments, one line each, in order.</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            var log = Path.Combine(Folder, "calls.log");
            return File.Exists(log) ? File.ReadAllLines(log) : [];
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private const string Script = """
        #!/bin/sh
        # Stand-in for nanoff in tests: logs the call, prints nanoff-like output, fails on request.
        here=$(dirname "$0")
        . "$here/standin.conf"
        echo "$*" >> "$here/calls.log"
        echo ".NET nanoFramework Firmware Flasher v9.9.9 (stand-in)"
        if [ -n "$FAIL" ]; then
          case "$*" in *"$FAIL"*) echo "E2001: Error executing the operation: couldn't open serial port (stand-in failure)" >&2; exit 2 ;; esac
        fi
        case "$*" in
          *details*|*devicedetails*)
            echo "Connecting to nanoDevice..."
            echo "HAL build info: nanoCLR running @ ESP32 (stand-in)"
            echo "  Target:      ESP32_PSRAM_REV3"
            echo "  Platform:    ESP32"
            echo "  Firmware build Info:"
            echo "  CLR Version: $CLR"
            echo "Deployed assemblies:"
            echo "  mscorlib, 1.17.11.0"
            echo "  Kiosk.Firmware.Esp32, $APP"
            ;;
          *flash*|*--update*)
            echo "Connected to ESP32 ESP32-D0WD-V3 (revision 3)"
            echo "Updating to $CLR"
            echo "Flashing firmware... OK"
            ;;
          *)
            echo "Deploying... OK"
            ;;
        esac
        exit 0
        """;
}
