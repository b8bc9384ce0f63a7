using System.Reflection;

[assembly: AssemblyTitle("WearableFirmware")]
[assembly: AssemblyDescription("ESP32 application: wires the portable core to the board")]
[assembly: AssemblyCompany("WearableFirmware")]
[assembly: AssemblyProduct("WearableFirmware")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
