using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("Kiosk.Firmware.Esp32")]
[assembly: AssemblyDescription("Kiosk terminal firmware for the ESP32 board (pin wiring and adapters around the portable core)")]
[assembly: AssemblyProduct("Kiosk")]
[assembly: AssemblyCopyright("Kiosk contributors")]
[assembly: ComVisible(false)]

// The version the technician tool reads back after every deploy (docs/firmware.md, "Read back").
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
