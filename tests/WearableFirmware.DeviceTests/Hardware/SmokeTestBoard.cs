using nanoFramework.Hardware.Esp32;
using nanoFramework.Runtime.Native;
using WearableFirmware.Platform.Board;
using WearableFirmware.Platform.Peripherals;

namespace WearableFirmware.DeviceTests
{
    /// <summary>
    /// The reference build as the hardware smoke tests see it: the application's own board description and
    /// adapters (WearableFirmware.Platform), so the tests exercise exactly what the firmware runs.
    /// </summary>
    internal static class SmokeTestBoard
    {
        private static readonly BoardConfiguration Board = BoardConfiguration.DevKitV1();
        private static bool _pinsSet;

        /// <summary>True on an ESP32 (the nanoFramework samples detect the platform the same way).</summary>
        public static bool IsEsp32
        {
            get { return SystemInfo.Platform.IndexOf("ESP32") >= 0; }
        }

        /// <summary>Platform and target as the runtime names them (e.g. "Linux, Virtual nanoDevice" on nanoCLR).</summary>
        public static string Description
        {
            get { return string.Concat(SystemInfo.Platform, ", ", SystemInfo.TargetName); }
        }

        public static I2cRegisterBus OpenBus(int address)
        {
            if (!_pinsSet)
            {
                Configuration.SetPinFunction(Board.I2cDataPin, DeviceFunction.I2C1_DATA);
                Configuration.SetPinFunction(Board.I2cClockPin, DeviceFunction.I2C1_CLOCK);
                _pinsSet = true;
            }

            return new I2cRegisterBus(Board.I2cBusId, address);
        }
    }
}
