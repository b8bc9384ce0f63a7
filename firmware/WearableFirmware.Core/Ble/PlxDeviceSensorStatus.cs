namespace WearableFirmware.Ble
{
    /// <summary>PLX Device and Sensor Status bits (24-bit field).</summary>
    public static class PlxDeviceSensorStatus
    {
        public const int ExtendedDisplayUpdateOngoing = 1 << 0;
        public const int EquipmentMalfunctionDetected = 1 << 1;
        public const int SignalProcessingIrregularityDetected = 1 << 2;
        public const int InadequateSignalDetected = 1 << 3;
        public const int PoorSignalDetected = 1 << 4;
        public const int LowPerfusionDetected = 1 << 5;
        public const int ErraticSignalDetected = 1 << 6;
        public const int NonpulsatileSignalDetected = 1 << 7;
        public const int QuestionablePulseDetected = 1 << 8;
        public const int SignalAnalysisOngoing = 1 << 9;
        public const int SensorInterferenceDetected = 1 << 10;
        public const int SensorUnconnectedToUser = 1 << 11;
        public const int UnknownSensorConnected = 1 << 12;
        public const int SensorDisplaced = 1 << 13;
        public const int SensorMalfunctioning = 1 << 14;
        public const int SensorDisconnected = 1 << 15;

        /// <summary>The bits this device can set (reported in PLX Features).</summary>
        public const int Supported = EquipmentMalfunctionDetected | InadequateSignalDetected | PoorSignalDetected
            | LowPerfusionDetected | ErraticSignalDetected | NonpulsatileSignalDetected | SignalAnalysisOngoing
            | SensorInterferenceDetected | SensorUnconnectedToUser | SensorDisplaced | SensorMalfunctioning;
    }
}
