using System.Reflection;

[assembly: AssemblyTitle("WearableFirmware.Drivers.Adxl345")]
[assembly: AssemblyDescription("Allocation-free Adxl345 driver over the project's register bus")]
[assembly: AssemblyCompany("WearableFirmware")]
[assembly: AssemblyProduct("WearableFirmware")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
