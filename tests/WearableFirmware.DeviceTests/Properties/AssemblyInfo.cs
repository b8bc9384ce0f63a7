using System.Reflection;

[assembly: AssemblyTitle("WearableFirmware.DeviceTests")]
[assembly: AssemblyDescription("On-device tests: golden-vector parity with the host build, hardware smoke tests")]
[assembly: AssemblyCompany("WearableFirmware")]
[assembly: AssemblyProduct("WearableFirmware")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
