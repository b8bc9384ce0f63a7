namespace WearableFirmware.Ble
{
    /// <summary>PLX Measurement Status bits (16-bit field, Pulse Oximeter Service / GSS 0x2A5E, 0x2A5F).</summary>
    public static class PlxMeasurementStatus
    {
        public const int MeasurementOngoing = 1 << 5;
        public const int EarlyEstimatedData = 1 << 6;
        public const int ValidatedData = 1 << 7;
        public const int FullyQualifiedData = 1 << 8;
        public const int DataFromMeasurementStorage = 1 << 9;
        public const int DataForDemonstration = 1 << 10;
        public const int DataForTesting = 1 << 11;
        public const int CalibrationOngoing = 1 << 12;
        public const int MeasurementUnavailable = 1 << 13;
        public const int QuestionableMeasurementDetected = 1 << 14;
        public const int InvalidMeasurementDetected = 1 << 15;

        /// <summary>The bits this device can set (reported in PLX Features).</summary>
        public const int Supported = MeasurementOngoing | EarlyEstimatedData | ValidatedData | DataFromMeasurementStorage
            | DataForTesting | MeasurementUnavailable | QuestionableMeasurementDetected | InvalidMeasurementDetected;
    }
}
