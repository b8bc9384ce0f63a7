using System;
using System.Device.I2c;
using WearableFirmware.Drivers;

namespace WearableFirmware.Platform.Peripherals
{
    /// <summary>
    /// The drivers' register bus on a real nanoFramework I2C device. nanoFramework reports NACKs and short transfers
    /// in <see cref="I2cTransferResult.Status"/> instead of throwing, so every call maps the status (and the byte
    /// count) to <see cref="BusStatus"/>; <c>ReadByte()</c> is never used because it drops the status.
    /// </summary>
    public sealed class I2cRegisterBus : IRegisterBus, IDisposable
    {
        private readonly I2cDevice _device;

        public I2cRegisterBus(int busId, int address)
        {
            _device = I2cDevice.Create(new I2cConnectionSettings(busId, address, I2cBusSpeed.FastMode));
        }

        public BusStatus Write(byte[] data, int count)
        {
            I2cTransferResult result = _device.Write(new SpanByte(data, 0, count));
            return Map(result, (uint)count);
        }

        public BusStatus WriteRead(byte[] write, int writeCount, byte[] read, int readOffset, int readCount)
        {
            I2cTransferResult result = _device.WriteRead(new SpanByte(write, 0, writeCount), new SpanByte(read, readOffset, readCount));
            return Map(result, (uint)(writeCount + readCount));
        }

        public void Dispose()
        {
            _device.Dispose();
        }

        private static BusStatus Map(I2cTransferResult result, uint expectedBytes)
        {
            switch (result.Status)
            {
                case I2cTransferStatus.FullTransfer:
                    // Some ports count only one direction of a WriteRead; a full transfer with fewer bytes is still whole.
                    return result.BytesTransferred == 0 && expectedBytes > 0 ? BusStatus.PartialTransfer : BusStatus.Ok;
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
}
