namespace Kiosk.Kioskctl.Cli;

/// <summary>Process exit codes, one per failure a technician must tell apart (scripts can branch on them).</summary>
public static class ExitCode
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int NoReader = 3;
    public const int NoCard = 4;
    public const int NotMyNumberCard = 5;
    public const int WrongPin = 6;
    public const int Locked = 7;
    public const int LastTryRefused = 8;
    public const int CardError = 9;
    public const int SignatureInvalid = 10;
    public const int EnrolmentRefused = 11;
    public const int BridgeUnreachable = 12;
    public const int NanoffMissing = 13;
    public const int BundleExists = 14;
    public const int NanoffFailed = 15;
    public const int VersionMismatch = 16;
    public const int BundleUnreadable = 17;
    public const int RenewalRefused = 18;
}
