namespace WearableFirmware.Alarms
{
    /// <summary>
    /// Every alarm condition the device knows. The numbers are stored on flash and sent over BLE (condition n is bit
    /// n − 1 of a condition mask): never renumber.
    /// </summary>
    public enum AlarmCondition
    {
        /// <summary>Physiological: SpO2 below the medium (or high) limit for the alarm-condition delay.</summary>
        SpO2Low = 1,

        /// <summary>Physiological: pulse rate above the medium (or high) limit for the delay.</summary>
        PulseRateHigh = 2,

        /// <summary>Physiological: pulse rate below the medium (or high) limit for the delay.</summary>
        PulseRateLow = 3,

        /// <summary>Technical: the band lost skin contact after being worn (fell off, pulled off), not while charging.</summary>
        SensorOff = 4,

        /// <summary>Technical: on the skin and still, yet no SpO2 reading (no usable pulse).</summary>
        NoSignal = 5,

        /// <summary>Technical: a sensor failed (I2C, lost configuration not recovered): PPG medium, accelerometer low.</summary>
        SensorFault = 6,

        /// <summary>Technical: battery at or below the gauge's low level.</summary>
        BatteryLow = 7,

        /// <summary>Technical: battery at or below the critical level; the device is about to sleep.</summary>
        BatteryCritical = 8,

        /// <summary>Technical: the record store is close to dropping records no phone has received.</summary>
        StoreFull = 9,

        /// <summary>Technical: no phone connected while a physiological alarm or a fall alert needs one.</summary>
        LinkLost = 10,
    }
}
