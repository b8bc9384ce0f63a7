namespace WearableFirmware.Ble
{
    /// <summary>
    /// Heart Rate service (0x180D). Heart Rate Measurement 0x2A37 (notify): flags, HR as uint8 (uint16 above 255),
    /// sensor contact supported/detected, and RR intervals in 1/1024 s. RR intervals queue here and each
    /// notification carries as many as fit the smallest subscriber's ATT_MTU - 3; the rest wait for the next one.
    /// Body Sensor Location 0x2A38 (read) is wrist.
    /// </summary>
    public sealed class HeartRateService : GattService
    {
        public const byte FlagHeartRateUInt16 = 0x01;
        public const byte FlagSensorContactDetected = 0x02;
        public const byte FlagSensorContactSupported = 0x04;
        public const byte FlagEnergyExpendedPresent = 0x08;
        public const byte FlagRrIntervalsPresent = 0x10;

        public const byte LocationWrist = 0x02;

        /// <summary>RR intervals held while waiting for room (about 40 s of beats at 60 bpm).</summary>
        public const int RrQueueCapacity = 64;

        // A notification never exceeds this: flags + uint16 HR + 9 RR at the default MTU, more with a larger MTU.
        private const int MaxMeasurementLength = 244;

        private readonly byte[] _measurement = new byte[MaxMeasurementLength];
        private readonly ushort[] _rrQueue = new ushort[RrQueueCapacity];
        private int _rrHead;
        private int _rrCount;

        public HeartRateService()
            : base(BleUuid.FromShortCode(GattUuids.HeartRateService), new GattCharacteristic[]
            {
                new GattCharacteristic(BleUuid.FromShortCode(GattUuids.HeartRateMeasurement), GattProperties.Notify,
                    BlePairingPolicy.HealthDataSecurity, BlePairingPolicy.HealthDataSecurity, "Heart rate", MaxMeasurementLength),
                new GattCharacteristic(BleUuid.FromShortCode(GattUuids.BodySensorLocation), GattProperties.Read,
                    GattSecurity.Open, GattSecurity.Open, null, 1),
            })
        {
            Characteristics[1].Value[0] = LocationWrist;
            Characteristics[1].SetValue(Characteristics[1].Value, 1);
        }

        public GattCharacteristic Measurement
        {
            get { return Characteristics[0]; }
        }

        public GattCharacteristic BodySensorLocation
        {
            get { return Characteristics[1]; }
        }

        /// <summary>RR intervals waiting for a notification.</summary>
        public int PendingRrIntervals
        {
            get { return _rrCount; }
        }

        /// <summary>RR intervals lost because the queue was full (oldest first) or nobody was subscribed.</summary>
        public int DiscardedRrIntervals { get; private set; }

        /// <summary>Queues one beat-to-beat interval given in milliseconds (converted to 1/1024 s, rounded).</summary>
        public void AddRrIntervalMilliseconds(int milliseconds)
        {
            if (milliseconds <= 0)
            {
                return;
            }

            long units = ((long)milliseconds * 1024 + 500) / 1000;
            AddRrInterval(units > 0xFFFF ? (ushort)0xFFFF : (ushort)units);
        }

        /// <summary>Queues one RR interval in 1/1024 s units.</summary>
        public void AddRrInterval(ushort units)
        {
            if (_rrCount == RrQueueCapacity)
            {
                _rrHead = (_rrHead + 1) % RrQueueCapacity;
                _rrCount--;
                DiscardedRrIntervals++;
            }

            _rrQueue[(_rrHead + _rrCount) % RrQueueCapacity] = units;
            _rrCount++;
        }

        /// <summary>
        /// Encodes a measurement into <paramref name="buffer"/> using at most <paramref name="maxLength"/> bytes and
        /// takes the RR intervals it carries off the queue. Returns the length.
        /// </summary>
        public int EncodeMeasurement(byte[] buffer, int maxLength, int beatsPerMinute, bool contactDetected)
        {
            if (beatsPerMinute < 0)
            {
                beatsPerMinute = 0;
            }

            if (beatsPerMinute > 0xFFFF)
            {
                beatsPerMinute = 0xFFFF;
            }

            byte flags = FlagSensorContactSupported;
            if (contactDetected)
            {
                flags |= FlagSensorContactDetected;
            }

            int offset = 1;
            if (beatsPerMinute > 0xFF)
            {
                flags |= FlagHeartRateUInt16;
                offset = ByteWriter.UInt16(buffer, offset, beatsPerMinute);
            }
            else
            {
                offset = ByteWriter.UInt8(buffer, offset, beatsPerMinute);
            }

            if (maxLength > buffer.Length)
            {
                maxLength = buffer.Length;
            }

            if (_rrCount > 0 && offset + 2 <= maxLength)
            {
                flags |= FlagRrIntervalsPresent;
                while (_rrCount > 0 && offset + 2 <= maxLength)
                {
                    offset = ByteWriter.UInt16(buffer, offset, _rrQueue[_rrHead]);
                    _rrHead = (_rrHead + 1) % RrQueueCapacity;
                    _rrCount--;
                }
            }

            buffer[0] = flags;
            return offset;
        }

        /// <summary>
        /// Publishes the current heart rate with the queued RR intervals that fit. With no subscriber the RR queue
        /// is emptied (beat-to-beat data is live data; nobody will ask for it later). Returns true when sent.
        /// </summary>
        public bool NotifyMeasurement(int beatsPerMinute, bool contactDetected)
        {
            int maxLength = MaxPayloadLength(Measurement);
            if (maxLength == 0)
            {
                DiscardedRrIntervals += _rrCount;
                _rrCount = 0;
                _rrHead = 0;
                return false;
            }

            int length = EncodeMeasurement(_measurement, maxLength, beatsPerMinute, contactDetected);
            return Publish(Measurement, _measurement, length);
        }
    }
}
