namespace Kiosk.Hardware.Emulator.Card;

/// <summary>An elementary file of an emulated application.</summary>
public abstract class CardFile
{
    /// <summary>Two-byte file identifier.</summary>
    public required ushort Fid { get; init; }
}

/// <summary>A transparent EF readable with READ BINARY, optionally guarded by a PIN.</summary>
public sealed class BinaryFile : CardFile
{
    /// <summary>File content.</summary>
    public required byte[] Content { get; init; }
    /// <summary>PIN that must be verified before reading, or null when free to read.</summary>
    public PinCounter? ReadPin { get; init; }
}

/// <summary>An internal EF holding a PIN reference (target of VERIFY).</summary>
public sealed class PinFile : CardFile
{
    /// <summary>The PIN and its counter.</summary>
    public required PinCounter Pin { get; init; }
}

/// <summary>An internal EF holding an RSA private key (selected before COMPUTE DIGITAL SIGNATURE).</summary>
public sealed class KeyFile : CardFile
{
    /// <summary>The private key.</summary>
    public required RawRsaSigner Key { get; init; }
    /// <summary>PIN that must be verified before signing.</summary>
    public required PinCounter UsePin { get; init; }
}

/// <summary>An application (DF) selected by its AID, holding EFs.</summary>
public sealed class CardApplication
{
    /// <summary>Creates an application with its files.</summary>
    public CardApplication(string name, byte[] aid, IEnumerable<CardFile> files)
    {
        Name = name;
        Aid = aid;
        Files = files.ToDictionary(f => f.Fid);
    }

    /// <summary>Human-readable name for logs.</summary>
    public string Name { get; }
    /// <summary>DF name used by SELECT P1=04.</summary>
    public byte[] Aid { get; }
    /// <summary>EFs by identifier.</summary>
    public IReadOnlyDictionary<ushort, CardFile> Files { get; }

    /// <summary>Drops every PIN's verified state (leaving the application).</summary>
    public void ClearSecurityState()
    {
        foreach (var f in Files.Values) if (f is PinFile p) p.Pin.ClearVerified();
    }
}
