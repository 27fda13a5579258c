namespace Kiosk.Hardware.Emulator.Card;

/// <summary>Application identifiers and file ids of the My Number Card that the emulator implements.</summary>
public static class JpkiAids
{
    /// <summary>JPKI AP (公的個人認証AP).</summary>
    public static readonly byte[] Jpki = Convert.FromHexString("D392F000260100000001");
    /// <summary>Card Info Input Support AP (券面事項入力補助AP).</summary>
    public static readonly byte[] CardInfoInputSupport = Convert.FromHexString("D3921000310001010408");

    /// <summary>JPKI EF: user-authentication certificate.</summary>
    public const ushort AuthCertificate = 0x000A;
    /// <summary>JPKI EF: user-authentication CA certificate.</summary>
    public const ushort AuthCaCertificate = 0x000B;
    /// <summary>JPKI EF: signing certificate (needs the signing password).</summary>
    public const ushort SignCertificate = 0x0001;
    /// <summary>JPKI EF: signing CA certificate.</summary>
    public const ushort SignCaCertificate = 0x0002;
    /// <summary>JPKI EF: token string.</summary>
    public const ushort Token = 0x0006;
    /// <summary>JPKI key: user authentication.</summary>
    public const ushort AuthKey = 0x0017;
    /// <summary>JPKI PIN: user authentication (4 digits, 3 tries).</summary>
    public const ushort AuthPin = 0x0018;
    /// <summary>JPKI key: signing.</summary>
    public const ushort SignKey = 0x001A;
    /// <summary>JPKI PIN: signing password (6–16 characters, 5 tries).</summary>
    public const ushort SignPin = 0x001B;
    /// <summary>Support AP PIN (4 digits, 3 tries).</summary>
    public const ushort SupportPin = 0x0011;
    /// <summary>Support AP EF: My Number.</summary>
    public const ushort MyNumber = 0x0001;
    /// <summary>Support AP EF: basic four information (name, address, birth date, sex).</summary>
    public const ushort BasicFourInfo = 0x0002;

    /// <summary>ATR OpenSC's JPKI driver recognises (contact interface: T=1, IFSC 254).</summary>
    public static readonly byte[] MyNumberCardAtr = Convert.FromHexString("3BE000FF8131FE4514");
}
