using System.Reflection;

[assembly: AssemblyTitle("WearableFirmware.Drivers.Adxl345.Samples")]
[assembly: AssemblyDescription("Usage sample of the Adxl345 driver: start, drain every tick, print")]
[assembly: AssemblyCompany("WearableFirmware")]
[assembly: AssemblyProduct("WearableFirmware")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
