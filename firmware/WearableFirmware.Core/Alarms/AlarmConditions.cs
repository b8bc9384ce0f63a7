namespace WearableFirmware.Alarms
{
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
