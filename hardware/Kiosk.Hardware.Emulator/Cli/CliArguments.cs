namespace Kiosk.Hardware.Emulator.Cli;

/// <summary>A user typed something the CLI cannot use; the message says what to type instead.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>Parses <c>--name value</c> options and bare flags after the verb(s).</summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = [];

    /// <summary>Parses <paramref name="args"/>; flags listed in <paramref name="flags"/> take no value.</summary>
    public CliArguments(IEnumerable<string> args, params string[] flags)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var a = e.Current;
            if (!a.StartsWith("--", StringComparison.Ordinal)) throw new UsageException("unexpected argument '" + a + "'");
            if (flags.Contains(a)) { _options[a] = null; continue; }
            if (!e.MoveNext()) throw new UsageException(a + " needs a value");
            _options[a] = e.Current;
        }
    }

    /// <summary>Value of an option, or null.</summary>
    public string? Get(string name)
    {
        _used.Add(name);
        return _options.GetValueOrDefault(name);
    }

    /// <summary>Value of a required option.</summary>
    public string Require(string name) => Get(name) ?? throw new UsageException("missing " + name);

    /// <summary>True when a flag is present.</summary>
    public bool Has(string name)
    {
        _used.Add(name);
        return _options.ContainsKey(name);
    }

    /// <summary>Integer option with a default.</summary>
    public int GetInt(string name, int fallback)
    {
        var v = Get(name);
        if (v is null) return fallback;
        return int.TryParse(v, out var i) ? i : throw new UsageException(name + " must be a number, not '" + v + "'");
    }

    /// <summary>Throws when an option was given that the command does not know.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0) throw new UsageException("unknown option " + string.Join(", ", unknown));
    }
}
