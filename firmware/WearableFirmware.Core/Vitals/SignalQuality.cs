using System;

namespace WearableFirmware.Vitals
{
    /// <summary>
    /// What is wrong with the signal, as independent flags (none set = good). They match the Pulse Oximeter
    /// Service's device-and-sensor status bits of the same names.
    /// </summary>
    [Flags]
    public enum SignalQuality
    {
        Good = 0,

        /// <summary>No usable signal: no skin contact, ambient light overflow, or still settling after contact.</summary>
        Inadequate = 1,

        /// <summary>Recent beats' red and IR waveforms disagree (noise, motion artefact).</summary>
        Poor = 2,

        /// <summary>Perfusion index below the configured minimum.</summary>
        LowPerfusion = 4,

        /// <summary>Beat intervals disagree with each other (half or more of the recent ones off their median).</summary>
        Erratic = 8,

        /// <summary>
        /// Contact but no beat within the beat time-out, or beats that do not look like a pulse (noise found by a detector
        /// whose threshold has sunk to it; see <see cref="PulseEvidence"/>), or, while moving, a spectrum whose peak has not
        /// stood out as a pulse for a sustained time (see <see cref="SpectralPulseCheck"/>).
        /// </summary>
        NonPulsatile = 16,
    }
}
