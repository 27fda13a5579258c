namespace Kiosk.Kioskctl.Cli;

/// <summary>Minimal option parsing: --flag, --name VALUE, --name=VALUE, and an optional value (--pcsc [READER]).</summary>
public sealed class Arguments
{
    private readonly List<string> _items;
    private readonly HashSet<int> _used = new();

    /// <summary>Wraps the arguments after the command words.</summary>
    public Arguments(IEnumerable<string> items) => _items = items.ToList();

    /// <summary>True if <paramref name="name"/> appears (as a flag or with a value).</summary>
    public bool Has(string name) => IndexOf(name) >= 0;

    /// <summary>Takes a boolean flag.</summary>
    public bool Flag(string name)
    {
        int i = IndexOf(name);
        if (i < 0)
        {
            return false;
        }

        _used.Add(i);
        return true;
    }

    /// <summary>Value of --name VALUE or --name=VALUE; null when absent; throws UsageException when the value is missing.</summary>
    public string? Value(string name)
    {
        string? value = OptionalValue(name, out bool present);
        if (present && value is null)
        {
            throw new UsageException(name + " needs a value");
        }

        return value;
    }

    /// <summary>Value when one follows, else null; <paramref name="present"/> says whether the option appeared.</summary>
    public string? OptionalValue(string name, out bool present)
    {
        present = false;
        for (int i = 0; i < _items.Count; i++)
        {
            string item = _items[i];
            if (item.StartsWith(name + "=", StringComparison.Ordinal))
            {
                present = true;
                _used.Add(i);
                return item.Substring(name.Length + 1);
            }

            if (item == name)
            {
                present = true;
                _used.Add(i);
                if (i + 1 < _items.Count && !_items[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    _used.Add(i + 1);
                    return _items[i + 1];
                }

                return null;
            }
        }

        return null;
    }

    /// <summary>Throws UsageException naming the first argument no option took.</summary>
    public void RejectUnknown()
    {
        for (int i = 0; i < _items.Count; i++)
        {
            if (!_used.Contains(i))
            {
                throw new UsageException("unknown argument \"" + _items[i] + "\"");
            }
        }
    }

    private int IndexOf(string name) => _items.FindIndex(a => a == name || a.StartsWith(name + "=", StringComparison.Ordinal));
}

/// <summary>A wrong command line; reported as one line with exit code 2.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception with a one-line reason.</summary>
    public UsageException(string message) : base(message)
    {
    }
}
