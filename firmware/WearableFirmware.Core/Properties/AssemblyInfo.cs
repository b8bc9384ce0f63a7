using System.Reflection;

[assembly: AssemblyTitle("WearableFirmware.Core")]
[assembly: AssemblyDescription("Portable firmware core: sampling loop, vitals, fall detection, BLE profile, record store")]
[assembly: AssemblyCompany("WearableFirmware")]
[assembly: AssemblyProduct("WearableFirmware")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
