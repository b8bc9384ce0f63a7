using WearableFirmware.Alarms;
using WearableFirmware.Application;
using WearableFirmware.Ble;
using WearableFirmware.Falls;
using WearableFirmware.Sampling;
using WearableFirmware.Storage;

namespace WearableFirmware.Bench
{
    /// <summary>NOR-flash rules in RAM: erase to 0xFF, a write only clears bits.</summary>
    public sealed class BenchFlash : IFlashStorage
    {
        private readonly byte[][] _segments;

        public BenchFlash(int segments, int segmentSize)
        {
            _segments = new byte[segments][];
            for (int s = 0; s < segments; s++)
            {
                _segments[s] = new byte[segmentSize];
                Erase(s);
            }
        }

        public int SegmentCount
        {
            get { return _segments.Length; }
        }

        public int SegmentSize
        {
            get { return _segments[0].Length; }
        }

        public bool Read(int segment, int offset, byte[] buffer, int bufferOffset, int count)
        {
            System.Array.Copy(_segments[segment], offset, buffer, bufferOffset, count);
            return true;
        }

        public bool Write(int segment, int offset, byte[] data, int dataOffset, int count)
        {
            byte[] target = _segments[segment];
            for (int i = 0; i < count; i++)
            {
                target[offset + i] &= data[dataOffset + i];
            }

            return true;
        }

        public bool Erase(int segment)
        {
            byte[] target = _segments[segment];
            for (int i = 0; i < target.Length; i++)
            {
                target[i] = 0xFF;
            }

            return true;
        }
    }

    /// <summary>
    /// One bonded phone on an authenticated link, subscribed to everything with a 247-byte ATT_MTU; values are
    /// counted, not sent (the device's BLE adapter, which copies each value into a nanoFramework Buffer, is not part
    /// of the bench).
    /// </summary>
    public sealed class BenchPhone : IGattNotifier, IGattLink
    {
        public GattSecurity Security
        {
            get { return GattSecurity.Authenticated; }
        }

        public bool IsBonded
        {
            get { return true; }
        }

        public int Sent { get; private set; }

        public int BytesSent { get; private set; }

        public int MaxPayloadLength(GattCharacteristic characteristic)
        {
            return 244;
        }

        public bool Send(GattCharacteristic characteristic, byte[] value, int length)
        {
            Sent++;
            BytesSent += length;
            return true;
        }

        public bool SendTo(IGattLink link, GattCharacteristic characteristic, byte[] value, int length)
        {
            return Send(characteristic, value, length);
        }

        public bool IsSubscribed(GattCharacteristic characteristic)
        {
            return true;
        }
    }

    /// <summary>The board's other ports, idle: a watchdog that counts feeds, a silent alarm, no presses, a full battery.</summary>
    public sealed class BenchBoard : IWatchdog, IAlarmOutput, IAlarmSignalOutput, IButtonInput, IBatterySensor, IFallAlertLink, IFallEventSink
    {
        public int Feeds { get; private set; }

        public int Alarms { get; private set; }

        public bool Charging
        {
            get { return false; }
        }

        public bool IsConnected
        {
            get { return true; }
        }

        public void Feed()
        {
            Feeds++;
        }

        public void Start()
        {
            Alarms++;
        }

        public void Stop()
        {
        }

        public void Show(AlarmSignal sound, AlarmPriority light)
        {
            if (sound != AlarmSignal.Off)
            {
                Alarms++;
            }
        }

        public ButtonPress TakePress()
        {
            return ButtonPress.None;
        }

        public int ReadMillivolts()
        {
            return 3950;
        }

        public bool Send(FallAlertEvent alert)
        {
            return true;
        }

        public void Record(FallAlertEvent alert)
        {
        }
    }
}
