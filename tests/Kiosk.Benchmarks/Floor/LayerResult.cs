namespace Kiosk.Benchmarks.Floor;

/// <summary>One layer's rounds: the CPU ms per issuance that counts for it, and its parts (ms per issuance), per round.</summary>
internal sealed class LayerResult(string name, string counts)
{
    private readonly List<Round> _rounds = [];

    /// <summary>One measurement of the layer.</summary>
    public sealed record Round(long Issuances, TimeSpan Wall, double MsPerIssuance, IReadOnlyList<(string Part, double MsPerIssuance)> Parts, string? Note);

    /// <summary>The layer's name in the table.</summary>
    public string Name { get; } = name;

    /// <summary>What its CPU figure adds up (one line for the table).</summary>
    public string Counts { get; } = counts;

    /// <summary>The rounds measured so far.</summary>
    public IReadOnlyList<Round> Rounds => _rounds;

    /// <summary>Why the layer has no figure (it failed or ran out of time), else null.</summary>
    public string? Failure { get; set; }

    /// <summary>The round with the fewest CPU ms per issuance (the floor), or null.</summary>
    public Round? Lowest => _rounds.Count == 0 ? null : _rounds.MinBy(r => r.MsPerIssuance);

    /// <summary>Adds a round from the use of its parts (total ms over the window) and the issuances it counted; <paramref name="counted"/>
    /// names the parts whose sum is the layer's figure, in table order.</summary>
    public void Add(long issuances, TimeSpan wall, IReadOnlyList<(string Part, double Ms)> parts, Func<string, bool> counted, string? note = null)
    {
        var perIssuance = parts.Select(p => (p.Part, p.Ms / Math.Max(1, issuances))).ToList();
        _rounds.Add(new Round(issuances, wall, perIssuance.Where(p => counted(p.Part)).Sum(p => p.Item2), perIssuance, note));
    }
}
