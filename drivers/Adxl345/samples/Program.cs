using System.Diagnostics;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using WearableFirmware.Platform.Board;
using WearableFirmware.Platform.Esp32;
using WearableFirmware.Platform.Peripherals;

namespace WearableFirmware.Drivers.Adxl345.Samples
{
    /// <summary>Device entry point: the ADXL345 on the reference board's I2C pins, one minute of samples to the debug output.</summary>
    public static class Program
    {
        public static void Main()
        {
            BoardConfiguration board = BoardConfiguration.DevKitV1();
            Configuration.SetPinFunction(board.I2cDataPin, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(board.I2cClockPin, DeviceFunction.I2C1_CLOCK);
            using (I2cRegisterBus bus = new I2cRegisterBus(board.I2cBusId, Adxl345.DefaultAddress))
            {
                Adxl345Sample.Run(bus, new Esp32Clock(), 60, Print);
            }

            Thread.Sleep(Timeout.Infinite);
        }

        // Debug.WriteLine is conditional, so it cannot be the delegate itself.
        private static void Print(string line)
        {
            Debug.WriteLine(line);
        }
    }
}
