using System;
using WearableFirmware.Drivers;

namespace WearableFirmware.Bench
{
    /// <summary>
    /// An ADXL345 as its registers show it, replaying milli-g samples on the bench clock at full resolution (256
    /// counts per g): DEVID, read-back of everything written, measurement from the POWER_CTL write, a stream-mode FIFO
    /// of 32 levels plus the output registers (FIFO_STATUS entries), one entry popped per read of DATAX0..DATAZ1,
    /// DATA_READY / OVERRUN in INT_SOURCE. Only what the driver uses, kept cheap.
    /// </summary>
    public sealed class ReplayAdxl345 : IRegisterBus
    {
        private const int Capacity = 33;
        private const int PowerControl = 0x2D;
        private const int InterruptSource = 0x30;
        private const int DataX0 = 0x32;
        private const int FifoControl = 0x38;
        private const int FifoStatus = 0x39;

        private readonly BenchClock _clock;
        private const int BytesPerEntry = 6;

        private readonly byte[] _entries;
        private readonly int _samples;
        private readonly long _periodMicroseconds;
        private readonly byte[] _registers = new byte[64];
        private bool _measuring;
        private long _startMicroseconds;
        private long _produced;
        private long _consumed;
        private bool _overrun;

        public ReplayAdxl345(BenchClock clock, int[] xMilliG, int[] yMilliG, int[] zMilliG, int samplesPerSecond)
        {
            _clock = clock;
            _samples = xMilliG.Length;
            _entries = new byte[_samples * BytesPerEntry];
            for (int i = 0; i < _samples; i++)
            {
                // Full resolution: 256 counts per g, little-endian 16-bit two's complement.
                Pack(xMilliG[i] * 256 / 1000, i * BytesPerEntry);
                Pack(yMilliG[i] * 256 / 1000, i * BytesPerEntry + 2);
                Pack(zMilliG[i] * 256 / 1000, i * BytesPerEntry + 4);
            }

            _periodMicroseconds = 1000000 / samplesPerSecond;
            _registers[0x00] = 0xE5;
        }

        public BusStatus Write(byte[] data, int count)
        {
            int register = data[0];
            for (int i = 1; i < count; i++)
            {
                WriteRegister(register++, data[i]);
            }

            return BusStatus.Ok;
        }

        public BusStatus WriteRead(byte[] write, int writeCount, byte[] read, int readOffset, int readCount)
        {
            Produce();
            int register = write[0];
            if (register == DataX0)
            {
                PopEntry(read, readOffset, readCount);
                return BusStatus.Ok;
            }

            for (int i = 0; i < readCount; i++)
            {
                read[readOffset + i] = ReadRegister(register + i);
            }

            return BusStatus.Ok;
        }

        private void WriteRegister(int register, byte value)
        {
            if (register == PowerControl)
            {
                bool measure = (value & 0x08) != 0;
                if (measure && !_measuring)
                {
                    _startMicroseconds = _clock.NowMicroseconds;
                    _produced = 0;
                    _consumed = 0;
                }

                _measuring = measure;
            }
            else if (register == FifoControl && (value & 0xC0) == 0)
            {
                // Bypass mode empties the FIFO.
                Produce();
                _consumed = _produced;
            }

            _registers[register] = value;
        }

        private byte ReadRegister(int register)
        {
            long entries = _produced - _consumed;
            if (register == InterruptSource)
            {
                int source = (entries > 0 ? 0x80 : 0) | (_overrun ? 0x01 : 0);
                _overrun = false;
                return (byte)source;
            }

            if (register == FifoStatus)
            {
                return (byte)entries;
            }

            return _registers[register];
        }

        // A read of the data registers returns the oldest entry and pops it; the replay wraps around at the end.
        private void PopEntry(byte[] read, int offset, int count)
        {
            long index = _consumed < _produced ? _consumed : _produced - 1;
            if (index < 0)
            {
                index = 0;
            }

            Array.Copy(_entries, (int)(index % _samples) * BytesPerEntry, read, offset, count < BytesPerEntry ? count : BytesPerEntry);
            if (_consumed < _produced)
            {
                _consumed++;
            }
        }

        private void Pack(int counts, int at)
        {
            _entries[at] = (byte)counts;
            _entries[at + 1] = (byte)(counts >> 8);
        }

        private void Produce()
        {
            if (!_measuring)
            {
                return;
            }

            _produced = (_clock.NowMicroseconds - _startMicroseconds) / _periodMicroseconds;
            if (_produced - _consumed > Capacity)
            {
                _consumed = _produced - Capacity;
                _overrun = true;
            }
        }
    }
}
