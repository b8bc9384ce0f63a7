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

    /// <summary>Facts about <see cref="AlarmCondition"/> in one place.</summary>
    public static class AlarmConditions
    {
        /// <summary>Highest condition number; arrays indexed by condition have Count + 1 entries.</summary>
        public const int Count = 10;

        /// <summary>Bit of a condition in a condition mask.</summary>
        public static int Bit(AlarmCondition condition)
        {
            return 1 << ((int)condition - 1);
        }

        /// <summary>True for conditions of the patient (SpO2, pulse rate), false for the device's own.</summary>
        public static bool IsPhysiological(AlarmCondition condition)
        {
            return condition == AlarmCondition.SpO2Low || condition == AlarmCondition.PulseRateHigh || condition == AlarmCondition.PulseRateLow;
        }

        /// <summary>
        /// Latching: a high-priority physiological alarm keeps its signal after the condition ends, until the wearer
        /// presses the button, so a severe episode that resolved unseen is still noticed.
        /// </summary>
        public static bool Latches(AlarmCondition condition, AlarmPriority priority)
        {
            return priority == AlarmPriority.High && IsPhysiological(condition);
        }
    }
}
