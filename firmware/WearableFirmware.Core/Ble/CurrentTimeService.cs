using WearableFirmware.Time;

namespace WearableFirmware.Ble
{
    /// <summary>
    /// Current Time service (0x1805). Current Time 0x2A2B (10 bytes: Date Time, Day of Week, Fractions256,
    /// Adjust Reason) is readable and notifiable by anyone; writing it sets the device's <see cref="WallClock"/>
    /// and needs an encrypted link with a bonded phone. The device keeps the phone's local civil time as given
    /// (the phone writes local time, PLX timestamps are local time). A write must carry a complete, real date:
    /// wrong length gets Invalid Attribute Value Length, unknown (zero) or impossible fields Out of Range, a Day of
    /// Week that contradicts the date Out of Range, and a time the record store cannot hold Out of Range too: records
    /// keep u32 seconds since 1970, so 1970-01-01 00:00:00 .. 2106-02-07 06:28:15 (the Date Time format's 1582..9999
    /// is wider; a 1969 date would come back as 2105). On error the clock is untouched.
    /// </summary>
    public sealed class CurrentTimeService : GattService
    {
        public const int CurrentTimeLength = 10;

        public const byte AdjustManualTimeUpdate = 0x01;
        public const byte AdjustExternalReferenceTimeUpdate = 0x02;
        public const byte AdjustTimeZoneChange = 0x04;
        public const byte AdjustDstChange = 0x08;

        /// <summary>Latest time a record can carry: 2106-02-07 06:28:15, u32 seconds since 1970 (the earliest is 0).</summary>
        public const long LatestStorableSeconds = 0xFFFFFFFFL;

        private readonly WallClock _clock;
        private readonly byte[] _value = new byte[CurrentTimeLength];
        private byte _lastAdjustReason;

        public CurrentTimeService(WallClock clock)
            : base(BleUuid.FromShortCode(GattUuids.CurrentTimeService), new GattCharacteristic[]
            {
                new GattCharacteristic(BleUuid.FromShortCode(GattUuids.CurrentTime), (byte)(GattProperties.Read | GattProperties.Write | GattProperties.Notify),
                    GattSecurity.Open, BlePairingPolicy.HealthDataSecurity, "Device time", CurrentTimeLength),
            })
        {
            _clock = clock;
            Refresh();
        }

        public GattCharacteristic CurrentTime
        {
            get { return Characteristics[0]; }
        }

        /// <summary>
        /// Encodes the clock's time; an unset clock reads as all-unknown date fields (year/month/day/day-of-week 0).
        /// </summary>
        public static int Encode(byte[] buffer, bool clockSet, long unixSeconds, byte adjustReason)
        {
            if (clockSet)
            {
                CivilTime.WriteDateTime(buffer, 0, unixSeconds);
                buffer[7] = (byte)CivilTime.DayOfWeek(unixSeconds);
            }
            else
            {
                for (int i = 0; i < 8; i++)
                {
                    buffer[i] = 0;
                }
            }

            buffer[8] = 0;
            buffer[9] = adjustReason;
            return CurrentTimeLength;
        }

        /// <summary>Brings the readable value up to the clock's current second (call before a read or once a second).</summary>
        public void Refresh()
        {
            Encode(_value, _clock.IsSet, _clock.UnixSeconds, _lastAdjustReason);
            CurrentTime.SetValue(_value, CurrentTimeLength);
        }

        public override void PrepareRead(GattCharacteristic characteristic)
        {
            Refresh();
        }

        public override byte Write(GattCharacteristic characteristic, IGattLink link, byte[] data, int offset, int length)
        {
            if (characteristic != CurrentTime)
            {
                return AttErrorCode.WriteNotPermitted;
            }

            if (!link.IsBonded)
            {
                return AttErrorCode.InsufficientAuthentication;
            }

            if (length != CurrentTimeLength)
            {
                return AttErrorCode.InvalidAttributeValueLength;
            }

            int year = ByteWriter.ReadUInt16(data, offset);
            int month = data[offset + 2];
            int day = data[offset + 3];
            int hour = data[offset + 4];
            int minute = data[offset + 5];
            int second = data[offset + 6];
            int dayOfWeek = data[offset + 7];
            if (!CivilTime.IsValid(year, month, day, hour, minute, second) || dayOfWeek > 7)
            {
                return AttErrorCode.OutOfRange;
            }

            long unixSeconds = CivilTime.ToUnixSeconds(year, month, day, hour, minute, second);
            if (unixSeconds < 0 || unixSeconds > LatestStorableSeconds)
            {
                return AttErrorCode.OutOfRange;
            }

            if (dayOfWeek != 0 && dayOfWeek != CivilTime.DayOfWeek(unixSeconds))
            {
                return AttErrorCode.OutOfRange;
            }

            _clock.Set(unixSeconds);
            _lastAdjustReason = (byte)(data[offset + 9] & 0x0F);
            Encode(_value, true, unixSeconds, _lastAdjustReason);
            Publish(CurrentTime, _value, CurrentTimeLength);
            return AttErrorCode.Success;
        }
    }
}
