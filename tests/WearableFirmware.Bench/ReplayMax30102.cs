using System;
using WearableFirmware.Drivers;

namespace WearableFirmware.Bench
{
    /// <summary>
    /// A MAX30102 as its registers show it, replaying red/IR samples on the bench clock: reset, PART_ID, read-back of
    /// everything written, the 32-sample FIFO with its pointers and overflow counter, burst reads of FIFO_DATA
    /// (red then IR, 3 bytes each, 18 bits left-justified), PWR_RDY, A_FULL and the die temperature. Only what the
    /// driver uses; the FIFO bytes are packed once at construction and a burst is one array copy, so the bench's time
    /// on nanoCLR is the driver's.
    /// </summary>
    public sealed class ReplayMax30102 : IRegisterBus
    {
        private const int FifoDepth = 32;
        private const int BytesPerSample = 6;
        private const int FifoData = 0x07;
        private const int ModeConfiguration = 0x09;
        private const int TemperatureConfig = 0x21;

        private readonly BenchClock _clock;
        private readonly byte[] _stream;
        private readonly int _samples;
        private readonly long _periodMicroseconds;
        private readonly byte[] _registers = new byte[256];
        private bool _sampling;
        private long _startMicroseconds;
        private long _produced;
        private long _consumed;
        private int _overflow;
        private bool _powerReady = true;
        private bool _temperatureReady;

        public ReplayMax30102(BenchClock clock, int[] red, int[] ir, int samplesPerSecond)
        {
            _clock = clock;
            _samples = red.Length;
            _stream = new byte[_samples * BytesPerSample];
            for (int i = 0; i < _samples; i++)
            {
                Pack(red[i], i * BytesPerSample);
                Pack(ir[i], i * BytesPerSample + 3);
            }

            _periodMicroseconds = 1000000 / samplesPerSecond;
            Reset();
        }

        /// <summary>Samples the driver has taken from the FIFO.</summary>
        public long SamplesRead
        {
            get { return _consumed; }
        }

        public BusStatus Write(byte[] data, int count)
        {
            int register = data[0];
            for (int i = 1; i < count; i++)
            {
                WriteRegister(register, data[i]);
                if (register != FifoData)
                {
                    register++;
                }
            }

            return BusStatus.Ok;
        }

        public BusStatus WriteRead(byte[] write, int writeCount, byte[] read, int readOffset, int readCount)
        {
            Produce();
            int register = write[0];
            if (register == FifoData)
            {
                ReadFifo(read, readOffset, readCount);
                return BusStatus.Ok;
            }

            for (int i = 0; i < readCount; i++)
            {
                read[readOffset + i] = ReadRegister(register++);
            }

            return BusStatus.Ok;
        }

        private void Reset()
        {
            for (int i = 0; i < _registers.Length; i++)
            {
                _registers[i] = 0;
            }

            _registers[0xFE] = 0x03;
            _registers[0xFF] = 0x15;
            _sampling = false;
            _produced = 0;
            _consumed = 0;
            _overflow = 0;
            _powerReady = true;
        }

        private void WriteRegister(int register, byte value)
        {
            switch (register)
            {
                case ModeConfiguration:
                    if ((value & 0x40) != 0)
                    {
                        Reset();
                        return;
                    }

                    _registers[register] = value;
                    int mode = value & 0x07;
                    bool on = mode == 2 || mode == 3 || mode == 7;
                    if (on && !_sampling)
                    {
                        _sampling = true;
                        _startMicroseconds = _clock.NowMicroseconds;
                        _produced = 0;
                        _consumed = 0;
                    }

                    _sampling = on;
                    return;
                case 0x04:
                case 0x05:
                case 0x06:
                    // The driver clears WR_PTR, OVF_COUNTER and RD_PTR together: the FIFO empties.
                    Produce();
                    _consumed = _produced;
                    _overflow = 0;
                    return;
                case TemperatureConfig:
                    _temperatureReady = (value & 0x01) != 0;
                    return;
                default:
                    _registers[register] = value;
                    return;
            }
        }

        private byte ReadRegister(int register)
        {
            long pending = _produced - _consumed;
            switch (register)
            {
                case 0x00:
                    int almostFull = pending >= FifoDepth - (_registers[0x08] & 0x0F) ? 0x80 : 0;
                    int status1 = almostFull | (_powerReady ? 0x01 : 0);
                    _powerReady = false;
                    return (byte)status1;
                case 0x01:
                    int status2 = _temperatureReady ? 0x02 : 0;
                    return (byte)status2;
                case 0x04:
                    return (byte)(_produced & 0x1F);
                case 0x05:
                    return (byte)_overflow;
                case 0x06:
                    return (byte)(_consumed & 0x1F);
                case 0x1F:
                    _temperatureReady = false;
                    return 31;
                case 0x20:
                    return 4;
                default:
                    return _registers[register & 0xFF];
            }
        }

        // The driver reads whole samples; the replay wraps around at the end of the data.
        private void ReadFifo(byte[] read, int offset, int count)
        {
            int samples = count / BytesPerSample;
            for (int i = 0; i < samples && _consumed < _produced; i++)
            {
                Array.Copy(_stream, (int)(_consumed % _samples) * BytesPerSample, read, offset + i * BytesPerSample, BytesPerSample);
                _consumed++;
                _overflow = 0;
            }
        }

        private void Pack(int value, int at)
        {
            _stream[at] = (byte)((value >> 16) & 0x03);
            _stream[at + 1] = (byte)(value >> 8);
            _stream[at + 2] = (byte)value;
        }

        // Samples taken since sampling began; the oldest are overwritten once the FIFO holds 32.
        private void Produce()
        {
            if (!_sampling)
            {
                return;
            }

            _produced = (_clock.NowMicroseconds - _startMicroseconds) / _periodMicroseconds;
            long pending = _produced - _consumed;
            if (pending > FifoDepth)
            {
                long lost = pending - FifoDepth;
                _consumed += lost;
                _overflow = (int)(_overflow + lost > 0x1F ? 0x1F : _overflow + lost);
            }
        }
    }
}
