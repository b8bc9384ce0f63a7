namespace WearableFirmware.Alarms
{
    /// <summary>
    /// What the alarm conditions are judged on, filled by the application once a second from the published reading
    /// and the device's state. Plain fields, so filling it allocates nothing.
    /// </summary>
    public sealed class AlarmInputs
    {
        public bool SpO2Valid;
        public float SpO2Percent;
        public bool PulseRateValid;
        public float PulseRateBpm;

        /// <summary>Skin contact (the contact detector says Contact).</summary>
        public bool OnSkin;

        /// <summary>No skin contact (the detector says NoContact; unknown is neither).</summary>
        public bool OffSkin;

        /// <summary>The wearer moves enough to disturb the PPG (readings are withheld or questionable).</summary>
        public bool Moving;

        public bool Charging;

        /// <summary>The PPG sensor's driver reports it failed (no oximetry at all).</summary>
        public bool PpgSensorFailed;

        /// <summary>Fall detection is unavailable (<c>DeviceStatus.FallDetectionUnavailable</c>: the accelerometer failed or is degraded).</summary>
        public bool FallDetectionUnavailable;

        public bool BatteryLow;
        public bool BatteryCritical;

        /// <summary>Battery level in % (−1 unknown).</summary>
        public int BatteryPercent = -1;

        /// <summary>The record store will soon drop records no phone has received.</summary>
        public bool StoreNearlyFull;

        public bool PhoneConnected;

        /// <summary>A phone has been connected since start-up (without one the device runs on its own and cannot lose it).</summary>
        public bool PhoneSeen;

        /// <summary>A confirmed fall alert waits for a phone's acknowledgement.</summary>
        public bool FallAlertWaiting;
    }
}
