namespace WearableFirmware.Sampling
{
    /// <summary>The fixed order of work in every tick.</summary>
    public enum LoopPhase
    {
        /// <summary>Drain the sensor FIFOs. Never skipped.</summary>
        Acquire = 0,

        /// <summary>Every new sample through vitals and motion processing. Never skipped.</summary>
        Process = 1,

        /// <summary>Hand results to the outputs at their own rates. Deferred when the tick is over budget.</summary>
        Publish = 2,
    }
}
