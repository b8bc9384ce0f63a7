using System.Reflection;

[assembly: AssemblyTitle("WearableFirmware.Drivers.Max3010x")]
[assembly: AssemblyDescription("Allocation-free Max3010x driver over the project's register bus")]
[assembly: AssemblyCompany("WearableFirmware")]
[assembly: AssemblyProduct("WearableFirmware")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
