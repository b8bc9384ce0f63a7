using System.Reflection;

[assembly: AssemblyTitle("WearableFirmware.Platform")]
[assembly: AssemblyDescription("ESP32 board description and nanoFramework adapters: I2C, clock, watchdog, BLE, flash, ADC, GPIO, PWM, sleep")]
[assembly: AssemblyCompany("WearableFirmware")]
[assembly: AssemblyProduct("WearableFirmware")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
