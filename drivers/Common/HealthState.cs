namespace WearableFirmware.Drivers
{
    /// <summary>How well a driver's chip is answering, for the device status the firmware reports.</summary>
    public enum HealthState
    {
        /// <summary>Started and answering.</summary>
        Ok = 0,

        /// <summary>Answering, but recent transfers failed or data was lost.</summary>
        Degraded,

        /// <summary>Not started, absent, or not recovered after repeated failures.</summary>
        Failed,
    }
}
