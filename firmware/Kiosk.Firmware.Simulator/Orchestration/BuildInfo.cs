namespace Kiosk.Firmware.Simulator.Orchestration;

/// <summary>Which parts this build of the simulator was compiled with (each is wired in once its code is in the tree).</summary>
public static class BuildInfo
{
    /// <summary>The parts this build lacks, by the folder their code lives in; empty once everything has landed.</summary>
    public static IReadOnlyList<string> MissingParts { get; } = Compute();

    private static string[] Compute()
    {
        var missing = new List<string>();
#if !HAS_JPKI_PKI
        missing.Add("test JPKI PKI (hardware/Kiosk.Hardware.Emulator/Pki)");
#endif
#if !HAS_CARD_EMULATOR
        missing.Add("PN532 emulator and virtual cards (hardware/Kiosk.Hardware.Emulator)");
#endif
#if !HAS_MUNICIPALITY
        missing.Add("reference municipality (hostbridge/Kiosk.Municipality)");
#endif
#if !HAS_BRIDGE
        missing.Add("host bridge (hostbridge/Kiosk.HostBridge)");
#endif
#if !HAS_MUNICIPAL_CLIENT
        missing.Add("bridge's municipal API adapter (hostbridge/Kiosk.HostBridge/Issuance/MunicipalApiClient)");
#endif
#if !HAS_PRINTING
        missing.Add("printing (hostbridge/Kiosk.HostBridge/Printing)");
#endif
#if !HAS_PAYMENTS
        missing.Add("pay-at-register (hostbridge/Kiosk.HostBridge/Payments)");
#endif
#if !HAS_CARD_STACK
        missing.Add("card stack (firmware/Kiosk.Firmware.Core/Card/Pn532, Card/Jpki)");
#endif
#if !HAS_TERMINAL
        missing.Add("terminal application (firmware/Kiosk.Firmware.Core/Session, Bridge)");
#endif
        return missing.ToArray();
    }
}
