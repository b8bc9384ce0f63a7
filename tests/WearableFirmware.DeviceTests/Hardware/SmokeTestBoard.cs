using System;
using System.Device.I2c;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Runtime.Native;
using WearableFirmware.Drivers;

namespace WearableFirmware.DeviceTests
{
    /// <summary>
    /// What the hardware smoke tests need of the board: the reference-build I2C pins and minimal bus and clock
    /// adapters. The application's adapters (firmware/WearableFirmware/Platform) live in the device executable,
    /// which a test assembly cannot reference without bringing a second Main, hence these small copies; keep the
    /// pins in step with BoardConfiguration.DevKitV1 and hardware-notes/wiring.md.
    /// </summary>
    internal static class SmokeTestBoard
    {
        public const int I2cBusId = 1;
        public const int I2cDataPin = 21;
        public const int I2cClockPin = 22;

        private static bool _pinsSet;

        /// <summary>True on an ESP32 (the nanoFramework samples detect the platform the same way).</summary>
        public static bool IsEsp32
        {
            get { return SystemInfo.Platform.IndexOf("ESP32") >= 0; }
        }

        public static I2cBus OpenBus(int address)
        {
            if (!_pinsSet)
            {
                Configuration.SetPinFunction(I2cDataPin, DeviceFunction.I2C1_DATA);
                Configuration.SetPinFunction(I2cClockPin, DeviceFunction.I2C1_CLOCK);
                _pinsSet = true;
            }

            return new I2cBus(new I2cDevice(new I2cConnectionSettings(I2cBusId, address, I2cBusSpeed.FastMode)));
        }

        /// <summary>Register bus over one I2C device; a transfer counts only when the whole transfer happened.</summary>
        internal sealed class I2cBus : IRegisterBus, IDisposable
        {
            private readonly I2cDevice _device;

            public I2cBus(I2cDevice device)
            {
                _device = device;
            }

            public BusStatus Write(byte[] data, int count)
            {
                return Map(_device.Write(new SpanByte(data, 0, count)));
            }

            public BusStatus WriteRead(byte[] write, int writeCount, byte[] read, int readOffset, int readCount)
            {
                return Map(_device.WriteRead(new SpanByte(write, 0, writeCount), new SpanByte(read, readOffset, readCount)));
            }

            public void Dispose()
            {
                _device.Dispose();
            }

            private static BusStatus Map(I2cTransferResult result)
            {
                switch (result.Status)
                {
                    case I2cTransferStatus.FullTransfer:
                        return BusStatus.Ok;
                    case I2cTransferStatus.SlaveAddressNotAcknowledged:
                        return BusStatus.AddressNotAcknowledged;
                    case I2cTransferStatus.PartialTransfer:
                        return BusStatus.PartialTransfer;
                    case I2cTransferStatus.ClockStretchTimeout:
                        return BusStatus.ClockStretchTimeout;
                    default:
                        return BusStatus.UnknownError;
                }
            }
        }

        /// <summary>Microseconds from the ESP32 high-resolution timer.</summary>
        internal sealed class Clock : IClock
        {
            public long NowMicroseconds
            {
                get { return (long)HighResTimer.GetCurrent(); }
            }

            public void SleepMicroseconds(long microseconds)
            {
                if (microseconds <= 0)
                {
                    return;
                }

                long until = NowMicroseconds + microseconds;
                if (microseconds >= 1000)
                {
                    Thread.Sleep((int)(microseconds / 1000));
                }

                while (NowMicroseconds < until)
                {
                    Thread.SpinWait(1);
                }
            }
        }
    }
}
