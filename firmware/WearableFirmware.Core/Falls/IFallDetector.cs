namespace WearableFirmware.Falls
{
    /// <summary>
    /// What the motion path needs from a fall detector, whatever the placement: one accelerometer sample at a time
    /// (x, y, z in g at <see cref="SampleRateHz"/>), a decision when an impact has been judged, and what the alert
    /// record carries about it.
    /// </summary>
    public interface IFallDetector
    {
        /// <summary>The only rate the detector's thresholds or model hold at.</summary>
        int SampleRateHz { get; }

        /// <summary>Magnitude of the last sample, in g.</summary>
        float Magnitude { get; }

        /// <summary>Largest magnitude (g) of the last judged impact.</summary>
        float PeakG { get; }

        /// <summary>Body posture after the last judged impact, or Unknown where the placement cannot tell it.</summary>
        BodyPosture PostureAfter { get; }

        /// <summary>Feeds one sample (g); returns what, if anything, it concluded.</summary>
        FallDecision Process(float x, float y, float z);

        /// <summary>Forgets everything (e.g. after the sensor restarted): the next sample starts a fresh history.</summary>
        void Reset();
    }
}
