using Kiosk.Hardware.Emulator.Pki;
using Kiosk.Hardware.Emulator.Profiles;

namespace Kiosk.Hardware.Emulator.Card;

/// <summary>
/// A My Number Card (or, for <see cref="CardKind.OtherTypeB"/> profiles, a foreign Type B card) as a pure ISO 7816-4 APDU
/// processor. Behaviour is documented in hardware/EMULATORS.md.
/// </summary>
public sealed class VirtualMyNumberCard : ISmartCard
{
    private readonly List<CardApplication> _applications = [];
    private CardApplication? _currentApp;
    private CardFile? _currentEf;

    private VirtualMyNumberCard(ResidentProfile profile, byte[] atr)
    {
        Profile = profile;
        Atr = atr;
        Pupi = Convert.FromHexString(profile.Pupi);
    }

    /// <summary>Builds the card of <paramref name="profile"/> with keys and certificates from <paramref name="pki"/>.</summary>
    public static VirtualMyNumberCard Create(ResidentProfile profile, JpkiTestPki pki)
    {
        if (!profile.IsMyNumberCard) return new VirtualMyNumberCard(profile, OtherTypeBAtr());
        var card = new VirtualMyNumberCard(profile, JpkiAids.MyNumberCardAtr);
        var credentials = pki.IssueResident(profile);
        var authPin = new PinCounter(profile.AuthPin, 3, profile.AuthPinTriesLeft);
        // A card without a signing certificate still answers the 001B tries query (63C0) so PC/SC middleware can bind;
        // the password was never set, so it is reported as blocked.
        var signPin = new PinCounter(profile.HasSignCertificate ? profile.SignPin : null, 5, profile.SignPinTriesLeft);
        var jpkiFiles = new List<CardFile>
        {
            new BinaryFile { Fid = JpkiAids.Token, Content = CardContents.Token() },
            new BinaryFile { Fid = JpkiAids.AuthCertificate, Content = credentials.AuthCertificateDer },
            new BinaryFile { Fid = JpkiAids.AuthCaCertificate, Content = pki.AuthCaCertificate.RawData },
            new BinaryFile { Fid = JpkiAids.SignCaCertificate, Content = pki.SignCaCertificate.RawData },
            new KeyFile { Fid = JpkiAids.AuthKey, Key = new RawRsaSigner(credentials.AuthKey), UsePin = authPin },
            new PinFile { Fid = JpkiAids.AuthPin, Pin = authPin },
            new PinFile { Fid = JpkiAids.SignPin, Pin = signPin },
        };
        if (profile.HasSignCertificate)
        {
            jpkiFiles.Add(new BinaryFile { Fid = JpkiAids.SignCertificate, Content = credentials.SignCertificateDer!, ReadPin = signPin });
            jpkiFiles.Add(new KeyFile { Fid = JpkiAids.SignKey, Key = new RawRsaSigner(credentials.SignKey!.Value), UsePin = signPin });
        }
        card._applications.Add(new CardApplication("JPKI AP", JpkiAids.Jpki, jpkiFiles));
        var supportPin = new PinCounter(profile.SupportPin, 3, profile.SupportPinTriesLeft);
        card._applications.Add(new CardApplication("Card Info Input Support AP", JpkiAids.CardInfoInputSupport,
        [
            new PinFile { Fid = JpkiAids.SupportPin, Pin = supportPin },
            new BinaryFile { Fid = JpkiAids.MyNumber, Content = CardContents.MyNumber(profile.MyNumber!), ReadPin = supportPin },
            new BinaryFile { Fid = JpkiAids.BasicFourInfo, Content = CardContents.BasicFourInfo(profile), ReadPin = supportPin },
        ]));
        return card;
    }

    /// <summary>Builds the card of the profile with this id from the default profiles and the PKI of <paramref name="seed"/>.</summary>
    public static VirtualMyNumberCard ForProfile(string profileId, string seed = JpkiTestPki.DefaultSeed)
        => Create(ProfileStore.Default.Get(profileId), JpkiTestPki.Create(seed));

    /// <summary>The profile this card was built from.</summary>
    public ResidentProfile Profile { get; }
    /// <inheritdoc />
    public byte[] Atr { get; }
    /// <inheritdoc />
    public byte[] Pupi { get; }
    /// <inheritdoc />
    public IReadOnlyList<byte[]> Applications => _applications.Select(a => a.Aid).ToList();
    /// <inheritdoc />
    public CardOperation LastOperation { get; private set; }

    /// <summary>Tries left on the JPKI auth PIN (EF 0018), or null without the JPKI AP.</summary>
    public int? AuthPinTriesLeft => Pin(JpkiAids.Jpki, JpkiAids.AuthPin)?.TriesLeft;
    /// <summary>Tries left on the signing password (EF 001B), or null without the JPKI AP.</summary>
    public int? SignPinTriesLeft => Pin(JpkiAids.Jpki, JpkiAids.SignPin)?.TriesLeft;

    /// <inheritdoc />
    public void Reset()
    {
        foreach (var app in _applications) app.ClearSecurityState();
        _currentApp = null;
        _currentEf = null;
        LastOperation = CardOperation.Simple;
    }

    /// <inheritdoc />
    public byte[] Process(byte[] commandApdu)
    {
        LastOperation = CardOperation.Simple;
        try
        {
            return Dispatch(commandApdu);
        }
        catch (Exception)
        {
            // A card never crashes the reader: any internal fault is reported like a real card's "no precise diagnosis".
            return Sw(0x6F00);
        }
    }

    private byte[] Dispatch(byte[] bytes)
    {
        if (!CommandApdu.TryParse(bytes, out var apdu)) return Sw(StatusWords.WrongLength);
        if ((apdu.Cla & 0x03) != 0) return Sw(StatusWords.ChannelNotSupported);
        return (apdu.Cla, apdu.Ins) switch
        {
            (0x00, 0xA4) => Select(apdu),
            (0x00, 0xB0) => ReadBinary(apdu),
            (0x00, 0x20) => Verify(apdu),
            (0x80, 0x2A) => ComputeSignature(apdu),
            (0x00 or 0x80, _) => Sw(StatusWords.InsNotSupported),
            _ => Sw(StatusWords.ClaNotSupported),
        };
    }

    private byte[] Select(CommandApdu apdu)
    {
        if (apdu.P2 is not (0x0C or 0x00)) return Sw(StatusWords.WrongP1P2);
        switch (apdu.P1)
        {
            case 0x04:
                if (apdu.Data.Length is < 5 or > 16) return Sw(StatusWords.WrongLength);
                var app = _applications.FirstOrDefault(a => a.Aid.AsSpan().SequenceEqual(apdu.Data));
                if (app is null) return Sw(StatusWords.FileNotFound);
                foreach (var a in _applications) a.ClearSecurityState();
                _currentApp = app;
                _currentEf = null;
                return Sw(StatusWords.Ok);
            case 0x02:
                if (apdu.Data.Length != 2) return Sw(StatusWords.WrongLength);
                if (_currentApp is null) return Sw(StatusWords.FileNotFound);
                var fid = (ushort)(apdu.Data[0] << 8 | apdu.Data[1]);
                if (!_currentApp.Files.TryGetValue(fid, out var file)) return Sw(StatusWords.FileNotFound);
                _currentEf = file;
                return Sw(StatusWords.Ok);
            default:
                return Sw(StatusWords.WrongP1P2);
        }
    }

    private byte[] ReadBinary(CommandApdu apdu)
    {
        var file = _currentEf;
        int offset;
        if ((apdu.P1 & 0x80) != 0)
        {
            // Short EF identifier in P1 (b8 set), offset in P2: selects the EF as a side effect (ISO 7816-4 7.2.3).
            if ((apdu.P1 & 0x60) != 0 || _currentApp is null) return Sw(StatusWords.WrongP1P2);
            if (!_currentApp.Files.TryGetValue((ushort)(apdu.P1 & 0x1F), out file)) return Sw(StatusWords.FileNotFound);
            _currentEf = file;
            offset = apdu.P2;
        }
        else
        {
            offset = apdu.P1 << 8 | apdu.P2;
        }
        if (apdu.Data.Length != 0 || apdu.Ne is null) return Sw(StatusWords.WrongLength);
        if (file is null) return Sw(StatusWords.NoCurrentEf);
        if (file is not BinaryFile binary) return Sw(StatusWords.IncompatibleFile);
        if (binary.ReadPin is { Verified: false }) return Sw(StatusWords.SecurityNotSatisfied);
        var remaining = binary.Content.Length - offset;
        if (remaining <= 0) return Sw(StatusWords.WrongOffset);
        var ne = apdu.Ne.Value;
        if (ne > remaining) return Sw((ushort)(StatusWords.WrongLeBase | remaining));
        return WithSw(binary.Content.AsSpan(offset, ne), StatusWords.Ok);
    }

    private byte[] Verify(CommandApdu apdu)
    {
        if (apdu.P1 != 0x00) return Sw(StatusWords.WrongP1P2);
        if (apdu.Ne is not null) return Sw(StatusWords.WrongLength);
        PinFile? pinFile;
        if (apdu.P2 == 0x80)
        {
            pinFile = _currentEf as PinFile;
            if (pinFile is null) return Sw(_currentEf is null ? StatusWords.NoCurrentEf : StatusWords.ReferenceNotFound);
        }
        else if (apdu.P2 is > 0x80 and <= 0x9E)
        {
            // Specific reference 0x80 | short EF id: the PIN EF without a prior SELECT.
            if (_currentApp is null || !_currentApp.Files.TryGetValue((ushort)(apdu.P2 & 0x1F), out var f) || f is not PinFile pf)
                return Sw(StatusWords.ReferenceNotFound);
            pinFile = pf;
        }
        else
        {
            return Sw(StatusWords.WrongP1P2);
        }
        if (apdu.Data.Length > 0) LastOperation = CardOperation.PinVerify;
        return Sw(pinFile.Pin.Verify(apdu.Data));
    }

    private byte[] ComputeSignature(CommandApdu apdu)
    {
        if (apdu.P1 != 0x00 || apdu.P2 != 0x80) return Sw(StatusWords.WrongP1P2);
        if (apdu.Data.Length == 0) return Sw(StatusWords.WrongLength);
        if (_currentEf is not KeyFile key) return Sw(StatusWords.ConditionsNotSatisfied);
        if (!key.UsePin.Verified) return Sw(StatusWords.SecurityNotSatisfied);
        if (apdu.Data.Length > key.Key.MaxInput) return Sw(StatusWords.WrongData);
        if (apdu.Ne is { } ne && ne < key.Key.ModulusLength) return Sw((ushort)(StatusWords.WrongLeBase | (key.Key.ModulusLength & 0xFF)));
        LastOperation = CardOperation.RsaSign;
        return WithSw(key.Key.Sign(apdu.Data), StatusWords.Ok);
    }

    private PinCounter? Pin(byte[] aid, ushort fid)
        => _applications.FirstOrDefault(a => a.Aid.AsSpan().SequenceEqual(aid))?.Files.GetValueOrDefault(fid) is PinFile p ? p.Pin : null;

    private static byte[] Sw(ushort sw) => [(byte)(sw >> 8), (byte)sw];

    private static byte[] WithSw(ReadOnlySpan<byte> data, ushort sw)
    {
        var r = new byte[data.Length + 2];
        data.CopyTo(r);
        r[^2] = (byte)(sw >> 8);
        r[^1] = (byte)sw;
        return r;
    }

    private static byte[] OtherTypeBAtr()
    {
        // PC/SC Part 3 ATR for a contactless Type B card: 3B 88 80 01, historical bytes = ATQB application data (4),
        // protocol info (3) and MBLI, then TCK so that the XOR of T0..TCK is zero.
        var atr = Convert.FromHexString("3B888001" + "00000000" + "008181" + "00" + "00");
        byte tck = 0;
        for (var i = 1; i < atr.Length - 1; i++) tck ^= atr[i];
        atr[^1] = tck;
        return atr;
    }
}
