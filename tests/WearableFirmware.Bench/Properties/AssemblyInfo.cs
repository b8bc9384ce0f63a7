using System.Reflection;

[assembly: AssemblyTitle("WearableFirmware.Bench")]
[assembly: AssemblyDescription("The portable firmware over replayed sensor data on nanoCLR: time, instructions and heap per stage")]
[assembly: AssemblyCompany("WearableFirmware")]
[assembly: AssemblyProduct("WearableFirmware")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
