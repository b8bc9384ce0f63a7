namespace WearableFirmware.Vitals
{
    /// <summary>
    /// One snapshot of the vitals, as the loop publishes it once a second. A value whose flag is false is not
    /// available and its number is 0; never read a number without its flag.
    /// </summary>
    public struct VitalsReading
    {
        /// <summary>Time of the newest sample the reading includes, in ms since the processor started (sample clock).</summary>
        public long TimestampMs;

        public bool HeartRateValid;

        /// <summary>Beats per minute (30-240) from the recent accepted beat intervals, or while moving from the spectrum.</summary>
        public float HeartRateBpm;

        /// <summary>The heart rate comes from the motion-robust spectral estimator (wearer moving), not from beat intervals.</summary>
        public bool HeartRateFromSpectrum;

        public bool SpO2Valid;

        /// <summary>Oxygen saturation in % (0-100); valid only while the signal is good.</summary>
        public float SpO2Percent;

        public bool PerfusionIndexValid;

        /// <summary>Pulsatile IR amplitude over the IR DC level, in %.</summary>
        public float PerfusionIndexPercent;

        /// <summary>Problems with the signal (none = <see cref="SignalQuality.Good"/>).</summary>
        public SignalQuality Quality;

        public SensorContact Contact;

        /// <summary>The accelerometer reported motion: values may be disturbed (the PLX "questionable" status).</summary>
        public bool MotionQuestionable;

        /// <summary>The sensor reported ambient light overflow (its ambient cancellation ran out of range).</summary>
        public bool AmbientLightOverflow;

        /// <summary>Beats confirmed since start (any quality).</summary>
        public int BeatCount;
    }
}
