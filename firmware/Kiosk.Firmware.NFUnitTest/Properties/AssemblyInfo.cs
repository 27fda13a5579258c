using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("The portable core's tests, run on nanoCLR or the ESP32 board")]
[assembly: AssemblyProduct("Kiosk")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("0.1.0.0")]
