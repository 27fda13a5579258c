using System.Globalization;

namespace Kiosk.Benchmarks.Floor;

/// <summary>The floor benchmark's command line: <c>floor [--markdown FILE] [--quick] [--rounds N] [--no-fsync-reference]</c>.</summary>
internal sealed class FloorOptions
{
    /// <summary>Where to write the markdown table besides stdout.</summary>
    public string? Markdown { get; private set; }

    /// <summary>A short smoke run: few issuances per measurement (figures too noisy to quote).</summary>
    public bool Quick { get; private set; }

    /// <summary>Measurements per layer; the table gives the lowest (the floor) and every round.</summary>
    public int Rounds { get; private set; } = 1;

    /// <summary>Also measure bridge + PostgreSQL with fsync on (the run's own PostgreSQL has it off, as every test cluster).</summary>
    public bool FsyncReference { get; private set; } = true;

    /// <summary>Concurrent terminals (or bridge drivers) per layer, as in the kiosk-load command's tuning runs.</summary>
    public int Terminals => 16;

    /// <summary>Issuances run before each layer's first measurement (JIT, pools, caches).</summary>
    public int WarmUp => Quick ? 16 : 64;

    /// <summary>Issuances counted per measurement.</summary>
    public int Measured => Quick ? 48 : 400;

    /// <summary>Longest a measurement may take before it is reported as incomplete.</summary>
    public TimeSpan Limit => Quick ? TimeSpan.FromMinutes(2) : TimeSpan.FromMinutes(5);

    /// <summary>Parses the arguments after "floor"; null (with the reason on stderr) when they are wrong.</summary>
    public static FloorOptions? Parse(IReadOnlyList<string> args)
    {
        var o = new FloorOptions();
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--markdown" when i + 1 < args.Count:
                    o.Markdown = args[++i];
                    break;
                case "--quick":
                    o.Quick = true;
                    break;
                case "--rounds" when i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1:
                    o.Rounds = n;
                    i++;
                    break;
                case "--no-fsync-reference":
                    o.FsyncReference = false;
                    break;
                default:
                    Console.Error.WriteLine("floor: unknown or incomplete option " + args[i]);
                    return null;
            }
        }
        return o;
    }
}
