namespace WearableFirmware.Vitals
{
    /// <summary>Whether skin covers the sensor, judged from the IR DC level.</summary>
    public enum SensorContact
    {
        /// <summary>Not enough samples yet to judge.</summary>
        Unknown = 0,

        /// <summary>IR level below the contact threshold: nothing reflects the LEDs' light back.</summary>
        NoContact = 1,

        /// <summary>IR level above the contact threshold.</summary>
        Contact = 2,
    }
}
