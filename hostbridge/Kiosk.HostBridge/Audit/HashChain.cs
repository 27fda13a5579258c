using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Kiosk.HostBridge.Audit;

/// <summary>The SHA-256 chain both audits keep (the bridge's and the fleet's): each record hashes its own fields and its predecessor's hash.</summary>
public static class HashChain
{
    /// <summary>The hash before the first record.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>SHA-256 (lower-case hex) over a canonical JSON array of <paramref name="fields"/>, in order.</summary>
    public static string Hash(params object?[] fields)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(fields))));

    /// <summary>Walks <paramref name="records"/> from the genesis and returns the first that does not fit, or null when every link holds.</summary>
    /// <remarks>Records must be numbered 1, 2, ... in order; <paramref name="recompute"/> hashes a record's stored fields again.</remarks>
    public static ChainBreak? FindBreak<T>(IReadOnlyList<T> records, Func<T, string> recompute) where T : IChainRecord
    {
        var prev = Genesis;
        long expectedSeq = 1;
        foreach (var r in records)
        {
            if (r.Seq != expectedSeq) return new ChainBreak(expectedSeq, "missing record");
            if (r.PrevHash != prev) return new ChainBreak(r.Seq, "broken link");
            if (recompute(r) != r.Hash) return new ChainBreak(r.Seq, "altered record");
            prev = r.Hash;
            expectedSeq++;
        }
        return null;
    }

    /// <summary>The hash a chain of <paramref name="records"/> (already checked) ends with: the last record's, or the genesis.</summary>
    public static string Tip<T>(IReadOnlyList<T> records) where T : IChainRecord => records.Count == 0 ? Genesis : records[^1].Hash;
}

/// <summary>A stored record's place in a <see cref="HashChain"/>.</summary>
public interface IChainRecord
{
    /// <summary>Position in the chain, from 1.</summary>
    long Seq { get; }

    /// <summary>The predecessor's hash (the genesis for the first record).</summary>
    string PrevHash { get; }

    /// <summary>This record's stored hash.</summary>
    string Hash { get; }
}

/// <summary>The first record of a chain that does not fit, and why.</summary>
public readonly record struct ChainBreak(long Seq, string Problem);
