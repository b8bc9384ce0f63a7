namespace WearableFirmware.Ble
{
    /// <summary>16-bit SIG assigned numbers this profile uses (Assigned Numbers document, sections 3.4, 3.7, 3.8, 2.6).</summary>
    public static class GattUuids
    {
        public const ushort PrimaryService = 0x2800;
        public const ushort CharacteristicDeclaration = 0x2803;
        public const ushort CharacteristicUserDescription = 0x2901;
        public const ushort ClientCharacteristicConfiguration = 0x2902;

        public const ushort GenericAccessService = 0x1800;
        public const ushort DeviceName = 0x2A00;
        public const ushort Appearance = 0x2A01;

        public const ushort DeviceInformationService = 0x180A;
        public const ushort ManufacturerName = 0x2A29;
        public const ushort ModelNumber = 0x2A24;
        public const ushort SerialNumber = 0x2A25;
        public const ushort HardwareRevision = 0x2A27;
        public const ushort FirmwareRevision = 0x2A26;
        public const ushort SoftwareRevision = 0x2A28;
        public const ushort SystemId = 0x2A23;
        public const ushort RegulatoryCertificationDataList = 0x2A2A;

        public const ushort BatteryService = 0x180F;
        public const ushort BatteryLevel = 0x2A19;

        public const ushort HeartRateService = 0x180D;
        public const ushort HeartRateMeasurement = 0x2A37;
        public const ushort BodySensorLocation = 0x2A38;

        public const ushort PulseOximeterService = 0x1822;
        public const ushort PlxSpotCheckMeasurement = 0x2A5E;
        public const ushort PlxContinuousMeasurement = 0x2A5F;
        public const ushort PlxFeatures = 0x2A60;
        public const ushort RecordAccessControlPoint = 0x2A52;

        public const ushort CurrentTimeService = 0x1805;
        public const ushort CurrentTime = 0x2A2B;

        /// <summary>Appearance: Pulse Oximeter category (0x031), Wrist Worn sub-category (0x02).</summary>
        public const ushort AppearanceWristWornPulseOximeter = 0x0C42;
    }
}
