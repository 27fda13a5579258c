namespace Kiosk.Hardware.Emulator.Pki;

/// <summary>Object identifiers of the JPKI signing certificate's SubjectAltName otherName entries (1.2.392.200149.8.5.5.x).</summary>
public static class JpkiOids
{
    /// <summary>Name.</summary>
    public const string Name = "1.2.392.200149.8.5.5.1";
    /// <summary>Name with substitute characters.</summary>
    public const string SubstituteName = "1.2.392.200149.8.5.5.2";
    /// <summary>Sex (ISO 5218 code as text).</summary>
    public const string Sex = "1.2.392.200149.8.5.5.3";
    /// <summary>Date of birth (YYYYMMDD).</summary>
    public const string BirthDate = "1.2.392.200149.8.5.5.4";
    /// <summary>Address.</summary>
    public const string Address = "1.2.392.200149.8.5.5.5";
    /// <summary>Address with substitute characters.</summary>
    public const string SubstituteAddress = "1.2.392.200149.8.5.5.6";
}
