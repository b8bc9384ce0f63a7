using System.Reflection;

[assembly: AssemblyTitle("WearableFirmware.Drivers.Common")]
[assembly: AssemblyDescription("Register bus, clock and driver health shared by the sensor drivers")]
[assembly: AssemblyCompany("WearableFirmware")]
[assembly: AssemblyProduct("WearableFirmware")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
