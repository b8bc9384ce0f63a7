using System;

namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Settings of the motion-robust heart-rate estimator (<see cref="MotionHeartRateEstimator"/>); the defaults are
    /// the device's, chosen on the 12 IEEE SP Cup 2015 training recordings as a whole (see Vitals/README.md).
    /// </summary>
    public sealed class MotionHeartRateSettings
    {
        /// <summary>Rate the pulse and acceleration are analysed at (Hz): 100 sps / 4 and 50 Hz / 2.</summary>
        public int AnalysisRateHz = 25;

        /// <summary>Analysis window (s): the SP Cup's and the usual wrist-PPG window.</summary>
        public int WindowSeconds = 8;

        /// <summary>A new estimate every this many seconds.</summary>
        public int UpdateSeconds = 2;

        /// <summary>Transform length at the analysis rate (power of two): 25 Hz / 256 = 5.9 bpm per bin, refined by interpolation.</summary>
        public int SpectrumSize = 256;

        /// <summary>Sum the normalised spectra of both lights (IR and red) instead of the IR's alone.</summary>
        public bool SecondChannel = true;

        /// <summary>Share of the evidence at twice a bin's rate added to the bin (favours the fundamental over its harmonic; 0.25-0.5 tried and not kept: the SP Cup's recording 10 then follows half the rate).</summary>
        public float HarmonicSupport;

        public float MinimumBpm = 40f;

        public float MaximumBpm = 220f;

        /// <summary>Adaptive canceller taps per accelerometer axis (0.16 s at 25 Hz; 4, 8, 12 and 16 score 3.29-3.42 bpm, cost grows with them).</summary>
        public int CancellerTaps = 4;

        public float CancellerStep = 0.01f;

        /// <summary>Earlier spectra averaged into the Wiener filter (this update included).</summary>
        public int SpectraAveraged = 2;

        /// <summary>Share of a bin's evidence removed where the accelerometer's spectrum peaks (0..1).</summary>
        public float MotionPenalty = 0.9f;

        /// <summary>
        /// Acceleration (g amplitude of a sinusoid) below which an axis's spectrum is not scaled up to its own
        /// peak: at rest its spectrum is noise and must not suppress the pulse.
        /// </summary>
        public float AccelerationFloorG = 0.2f;

        /// <summary>Largest jump of the tracked rate per update, in bins (±11.7 bpm per 2 s).</summary>
        public int TrackStepBins = 2;

        /// <summary>Cost of a jump of one bin per update (log-evidence units, squared in bins).</summary>
        public float TrackStepCost = 0.6f;

        /// <summary>Memory of the tracker's accumulated evidence per update (0..1).</summary>
        public float TrackMemory = 0.9f;

        /// <summary>Floor of a bin's normalised evidence (keeps log finite, limits one empty update's cost).</summary>
        public float EvidenceFloor = 0.03f;

        /// <summary>The reported rate stays within this many bins of the previous one unless a path elsewhere leads by <see cref="SwitchMargin"/>.</summary>
        public int OutputNeighbourhoodBins = 2;

        public float SwitchMargin = 3f;

        /// <summary>Beats anchor a track that has none yet also in light movement (below 0.4 g rms), not only at rest.</summary>
        public bool AnchorInLightMotion;

        /// <summary>Throws ArgumentException naming the first setting out of range.</summary>
        public void Validate()
        {
            if (AnalysisRateHz < 8 || WindowSeconds < 2 || UpdateSeconds < 1 || UpdateSeconds > WindowSeconds)
            {
                throw new ArgumentOutOfRangeException("AnalysisRateHz", "need a rate of 8 Hz or more and 1 <= update <= window seconds");
            }

            if (SpectrumSize < AnalysisRateHz * WindowSeconds || (SpectrumSize & (SpectrumSize - 1)) != 0)
            {
                throw new ArgumentOutOfRangeException("SpectrumSize", "must be a power of two holding the whole window");
            }

            if (!(MinimumBpm > 0) || !(MaximumBpm > MinimumBpm) || !(MaximumBpm / 60f < AnalysisRateHz / 2f))
            {
                throw new ArgumentOutOfRangeException("MaximumBpm", "need 0 < minimum < maximum below half the analysis rate");
            }

            if (CancellerTaps < 0 || !(CancellerStep >= 0 && CancellerStep < 2) || SpectraAveraged < 1 || TrackStepBins < 0
                || OutputNeighbourhoodBins < 0 || !(TrackMemory > 0 && TrackMemory <= 1) || !(EvidenceFloor > 0)
                || !(MotionPenalty >= 0 && MotionPenalty <= 1) || !(AccelerationFloorG > 0) || !(TrackStepCost >= 0) || !(SwitchMargin >= 0) || !(HarmonicSupport >= 0))
            {
                throw new ArgumentOutOfRangeException("CancellerTaps", "canceller, tracker and penalty settings out of range");
            }
        }
    }
}
