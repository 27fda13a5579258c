namespace Kiosk.Firmware.Simulator.Orchestration;

/// <summary>The reasons shown while a part the simulator needs has not landed in the repository yet.</summary>
internal static class NotYet
{
    public const string CardEmulator = "not yet available: the PN532 emulator and virtual My Number Cards (hardware/Kiosk.Hardware.Emulator) are not in this build";
    public const string Payments = "not yet available: pay-at-register in the host bridge (hostbridge/Kiosk.HostBridge/Payments) is not in this build";
    public const string Bridge = "not yet available: the host bridge's mutual-TLS kiosk API and dev PKI (hostbridge/Kiosk.HostBridge) are not in this build";
    public const string Municipality = "not yet available: the reference municipality (hostbridge/Kiosk.Municipality) is not in this build";
    public const string Printer = "not yet available: the folder printer (hostbridge/Kiosk.HostBridge/Printing) is not in this build";
    public const string Core = "not yet available: the terminal application (firmware/Kiosk.Firmware.Core Session/, Ui/, Bridge/) is not in this build";
}
