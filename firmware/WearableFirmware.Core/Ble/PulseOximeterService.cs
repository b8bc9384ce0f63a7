namespace WearableFirmware.Ble
{
    /// <summary>
    /// Pulse Oximeter service (0x1822): PLX Continuous Measurement 0x2A5F (notify), PLX Spot-check Measurement
    /// 0x2A5E (indicate, timestamped, also used for records replayed from storage), PLX Features 0x2A60 (read) and
    /// the Record Access Control Point 0x2A52 (write + indicate) whose procedures the record store runs.
    /// SpO2 and pulse rate go out as SFLOAT with 0.1 resolution; a missing value is NaN and sets
    /// "Measurement Unavailable", never a made-up number.
    /// </summary>
    public sealed class PulseOximeterService : GattService
    {
        public const byte ContinuousFlagFastPresent = 0x01;
        public const byte ContinuousFlagSlowPresent = 0x02;
        public const byte ContinuousFlagMeasurementStatusPresent = 0x04;
        public const byte ContinuousFlagDeviceSensorStatusPresent = 0x08;
        public const byte ContinuousFlagPulseAmplitudeIndexPresent = 0x10;

        public const byte SpotCheckFlagTimestampPresent = 0x01;
        public const byte SpotCheckFlagMeasurementStatusPresent = 0x02;
        public const byte SpotCheckFlagDeviceSensorStatusPresent = 0x04;
        public const byte SpotCheckFlagPulseAmplitudeIndexPresent = 0x08;
        public const byte SpotCheckFlagDeviceClockNotSet = 0x10;

        public const int FeatureMeasurementStatus = 0x0001;
        public const int FeatureDeviceSensorStatus = 0x0002;
        public const int FeatureSpotCheckStorage = 0x0004;
        public const int FeatureSpotCheckTimestamp = 0x0008;
        public const int FeatureFastMetric = 0x0010;
        public const int FeatureSlowMetric = 0x0020;
        public const int FeaturePulseAmplitudeIndex = 0x0040;
        public const int FeatureMultipleBonds = 0x0080;

        /// <summary>What this device supports: status fields, stored and timestamped spot-checks, PAI, several bonds.</summary>
        public const int SupportedFeatures = FeatureMeasurementStatus | FeatureDeviceSensorStatus | FeatureSpotCheckStorage
            | FeatureSpotCheckTimestamp | FeaturePulseAmplitudeIndex | FeatureMultipleBonds;

        /// <summary>Largest RACP write the service passes on (<see cref="RecordAccessWrite"/>).</summary>
        public const int RacpMaxLength = RecordAccessWrite.MaxLength;

        private const int ContinuousLength = 1 + 4 + 2 + 3 + 2;
        private const int SpotCheckMaxLength = 1 + 4 + 7 + 2 + 3 + 2;

        private readonly byte[] _continuous = new byte[ContinuousLength];
        private readonly byte[] _spotCheck = new byte[SpotCheckMaxLength];

        public PulseOximeterService()
            : base(BleUuid.FromShortCode(GattUuids.PulseOximeterService), new GattCharacteristic[]
            {
                new GattCharacteristic(BleUuid.FromShortCode(GattUuids.PlxSpotCheckMeasurement), GattProperties.Indicate,
                    BlePairingPolicy.HealthDataSecurity, BlePairingPolicy.HealthDataSecurity, "SpO2 spot-check", SpotCheckMaxLength),
                new GattCharacteristic(BleUuid.FromShortCode(GattUuids.PlxContinuousMeasurement), GattProperties.Notify,
                    BlePairingPolicy.HealthDataSecurity, BlePairingPolicy.HealthDataSecurity, "SpO2 continuous", ContinuousLength),
                new GattCharacteristic(BleUuid.FromShortCode(GattUuids.PlxFeatures), GattProperties.Read,
                    GattSecurity.Open, GattSecurity.Open, null, 7),
                new GattCharacteristic(BleUuid.FromShortCode(GattUuids.RecordAccessControlPoint), (byte)(GattProperties.Write | GattProperties.Indicate),
                    BlePairingPolicy.HealthDataSecurity, BlePairingPolicy.HealthDataSecurity, "Stored records", RacpMaxLength),
            })
        {
            byte[] features = Features.Value;
            int offset = ByteWriter.UInt16(features, 0, SupportedFeatures);
            offset = ByteWriter.UInt16(features, offset, PlxMeasurementStatus.Supported);
            offset = ByteWriter.UInt24(features, offset, PlxDeviceSensorStatus.Supported);
            Features.SetValue(features, offset);
        }

        public GattCharacteristic SpotCheck
        {
            get { return Characteristics[0]; }
        }

        public GattCharacteristic Continuous
        {
            get { return Characteristics[1]; }
        }

        public GattCharacteristic Features
        {
            get { return Characteristics[2]; }
        }

        public GattCharacteristic RecordAccessControlPoint
        {
            get { return Characteristics[3]; }
        }

        /// <summary>Runs RACP procedures; while null, RACP writes are answered "Request Not Supported".</summary>
        public IRecordAccessHandler RecordAccess { get; set; }

        /// <summary>
        /// Encodes a PLX Continuous Measurement (SpO2PR-Normal, Measurement Status, Device and Sensor Status,
        /// Pulse Amplitude Index). NaN SpO2 or pulse rate adds Measurement Unavailable. Returns the length.
        /// </summary>
        public static int EncodeContinuous(byte[] buffer, float spo2Percent, float pulseRateBpm, int measurementStatus,
            int deviceSensorStatus, float pulseAmplitudeIndexPercent)
        {
            if (float.IsNaN(spo2Percent) || float.IsNaN(pulseRateBpm))
            {
                measurementStatus |= PlxMeasurementStatus.MeasurementUnavailable;
            }

            buffer[0] = ContinuousFlagMeasurementStatusPresent | ContinuousFlagDeviceSensorStatusPresent | ContinuousFlagPulseAmplitudeIndexPresent;
            int offset = Ieee11073Float.WriteSFloat(buffer, 1, spo2Percent, -1);
            offset = Ieee11073Float.WriteSFloat(buffer, offset, pulseRateBpm, -1);
            offset = ByteWriter.UInt16(buffer, offset, measurementStatus);
            offset = ByteWriter.UInt24(buffer, offset, deviceSensorStatus);
            return Ieee11073Float.WriteSFloat(buffer, offset, pulseAmplitudeIndexPercent, -2);
        }

        /// <summary>
        /// Encodes a PLX Spot-check Measurement. With <paramref name="clockSet"/> false the timestamp is left out
        /// and "Device Clock is Not Set" flagged; <paramref name="fromStorage"/> sets "Data from Measurement Storage".
        /// The timestamp is the civil time given as seconds since 1970 (see <see cref="Time.CivilTime"/>).
        /// </summary>
        public static int EncodeSpotCheck(byte[] buffer, float spo2Percent, float pulseRateBpm, bool clockSet, long timestampSeconds,
            int measurementStatus, int deviceSensorStatus, float pulseAmplitudeIndexPercent, bool fromStorage)
        {
            if (float.IsNaN(spo2Percent) || float.IsNaN(pulseRateBpm))
            {
                measurementStatus |= PlxMeasurementStatus.MeasurementUnavailable;
            }

            if (fromStorage)
            {
                measurementStatus |= PlxMeasurementStatus.DataFromMeasurementStorage;
            }

            byte flags = SpotCheckFlagMeasurementStatusPresent | SpotCheckFlagDeviceSensorStatusPresent | SpotCheckFlagPulseAmplitudeIndexPresent;
            int offset = Ieee11073Float.WriteSFloat(buffer, 1, spo2Percent, -1);
            offset = Ieee11073Float.WriteSFloat(buffer, offset, pulseRateBpm, -1);
            if (clockSet)
            {
                flags |= SpotCheckFlagTimestampPresent;
                offset = Time.CivilTime.WriteDateTime(buffer, offset, timestampSeconds);
            }
            else
            {
                flags |= SpotCheckFlagDeviceClockNotSet;
            }

            buffer[0] = flags;
            offset = ByteWriter.UInt16(buffer, offset, measurementStatus);
            offset = ByteWriter.UInt24(buffer, offset, deviceSensorStatus);
            return Ieee11073Float.WriteSFloat(buffer, offset, pulseAmplitudeIndexPercent, -2);
        }

        /// <summary>Notifies a continuous measurement to subscribers; false when nobody received it.</summary>
        public bool NotifyContinuous(float spo2Percent, float pulseRateBpm, int measurementStatus, int deviceSensorStatus, float pulseAmplitudeIndexPercent)
        {
            int length = EncodeContinuous(_continuous, spo2Percent, pulseRateBpm, measurementStatus, deviceSensorStatus, pulseAmplitudeIndexPercent);
            return Publish(Continuous, _continuous, length);
        }

        /// <summary>Indicates a spot-check to every subscriber; false when not queued.</summary>
        public bool SendSpotCheck(float spo2Percent, float pulseRateBpm, bool clockSet, long timestampSeconds, int measurementStatus,
            int deviceSensorStatus, float pulseAmplitudeIndexPercent, bool fromStorage)
        {
            int length = EncodeSpotCheck(_spotCheck, spo2Percent, pulseRateBpm, clockSet, timestampSeconds, measurementStatus,
                deviceSensorStatus, pulseAmplitudeIndexPercent, fromStorage);
            return Publish(SpotCheck, _spotCheck, length);
        }

        /// <summary>
        /// Indicates a spot-check to one peer: a live one, or one replayed from storage by that peer's RACP report;
        /// false when not queued.
        /// </summary>
        public bool SendSpotCheckTo(IGattLink link, float spo2Percent, float pulseRateBpm, bool clockSet, long timestampSeconds,
            int measurementStatus, int deviceSensorStatus, float pulseAmplitudeIndexPercent, bool fromStorage)
        {
            int length = EncodeSpotCheck(_spotCheck, spo2Percent, pulseRateBpm, clockSet, timestampSeconds, measurementStatus,
                deviceSensorStatus, pulseAmplitudeIndexPercent, fromStorage);
            return PublishTo(link, SpotCheck, _spotCheck, length);
        }

        /// <summary>Indicates an RACP response to the peer whose procedure it ends; false when not queued.</summary>
        public bool SendRacpResponse(IGattLink link, byte[] response, int length)
        {
            return PublishTo(link, RecordAccessControlPoint, response, length);
        }

        public override byte Write(GattCharacteristic characteristic, IGattLink link, byte[] data, int offset, int length)
        {
            if (characteristic != RecordAccessControlPoint)
            {
                return AttErrorCode.WriteNotPermitted;
            }

            return RecordAccessWrite.Handle(RecordAccess, RecordAccessControlPoint, link, data, offset, length);
        }
    }
}
