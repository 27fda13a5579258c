namespace Kiosk.Municipality;

/// <summary>Configuration section "Municipality".</summary>
public sealed class MunicipalityOptions
{
    /// <summary>Where the SQLite file and the verification key live; default ./.kiosk/municipality.</summary>
    public string? DataDir { get; set; }
    /// <summary>"sqlite" (default) or "postgres" (then ConnectionStrings:Municipality is required).</summary>
    public string Store { get; set; } = "sqlite";
    /// <summary>JSON file binding auth-certificate serials to profile ids (exported by the card emulator, or by enrolment).</summary>
    public string? CardMapPath { get; set; }
    /// <summary>
    /// Development only: also bind every seeded profile to the serial the Kiosk test PKI derives under this seed
    /// (for example "kiosk-default"), as the card emulator does. Never set in production.
    /// </summary>
    public string? TestPkiSeed { get; set; }
    /// <summary>Seed file replacing the embedded synthetic residents.</summary>
    public string? SeedPath { get; set; }
    /// <summary>Directory holding ipaexfont-mincho/ipaexm.ttf and ipaexfont-gothic/ipaexg.ttf.</summary>
    public string? FontDirectory { get; set; }
    /// <summary>The verification HMAC key file; default &lt;DataDir&gt;/verification.key.</summary>
    public string? VerificationKeyPath { get; set; }

    /// <summary>
    /// Load tests only: issue a one-page minimal PDF naming the resident (id and name) instead of rendering the certificate,
    /// so the bridge can be measured without the ~50 ms PDF rendering. Never set in production.
    /// </summary>
    public bool MinimalPdf { get; set; }

    public string ResolvedDataDir => DataDir ?? Path.Combine(Directory.GetCurrentDirectory(), ".kiosk", "municipality");
}
