using System;

namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Settings of the motion-robust heart-rate estimator (<see cref="MotionHeartRateEstimator"/>); the defaults are
    /// the device's, chosen on the 12 IEEE SP Cup 2015 training recordings as a whole (see Vitals/README.md).
    /// </summary>
    public sealed class MotionHeartRateSettings
    {
        /// <summary>
        /// Sample period the pulse and acceleration are analysed at (ms): 80 ms = 12.5 Hz, 100 sps / 8 and 50 Hz / 4,
        /// which holds rates up to 375 /min (25 Hz scored the same on the SP Cup at twice the cost).
        /// </summary>
        public int AnalysisPeriodMs = 80;

        /// <summary>Analysis window (s): the SP Cup's and the usual wrist-PPG window.</summary>
        public int WindowSeconds = 8;

        /// <summary>A new estimate every this many seconds.</summary>
        public int UpdateSeconds = 2;

        /// <summary>
        /// In the firmware the loop runs each update in the tick that publishes the reading of a whole update period of
        /// its clock (whole seconds), before the publish phase, instead of the estimator counting samples from contact:
        /// counted from contact and the filters' settling (0.75 s), the reading at the end of an SP Cup window showed a
        /// window that had ended 1.25 s earlier (see the evaluation page).
        /// </summary>
        public bool UpdateWithReadings = true;

        /// <summary>Transform length at the analysis rate (power of two): 12.5 Hz / 128 = 5.9 bpm per bin, refined by interpolation.</summary>
        public int SpectrumSize = 128;

        /// <summary>Sum the normalised spectra of both lights (IR and red) instead of the IR's alone.</summary>
        public bool SecondChannel = true;

        /// <summary>Share of the evidence at twice a bin's rate added to the bin (favours the fundamental over its harmonic; 0.25-0.5 tried and not kept: the SP Cup's recording 10 then follows half the rate).</summary>
        public float HarmonicSupport;

        public float MinimumBpm = 40f;

        public float MaximumBpm = 220f;

        /// <summary>Adaptive canceller taps per accelerometer axis (at the analysis rate; cost grows with them).</summary>
        public int CancellerTaps = 4;

        public float CancellerStep = 0.01f;

        /// <summary>The accelerometer's spectra are taken every this many updates (the motion changes more slowly than the pulse's rate; 1 and 2 score alike).</summary>
        public int MotionSpectrumEvery = 2;

        /// <summary>
        /// Spectra averaged into the Wiener filter (this update included). 1: the gain follows the motion as it is now;
        /// 2 smoothed it but made the rate lag (SP Cup 2.22 against 2.15; 3: 2.84).
        /// </summary>
        public int SpectraAveraged = 1;

        /// <summary>
        /// Share of a bin's evidence removed where the accelerometer's spectrum peaks (0..1). With the tracker memory
        /// below, the set every leave-one-recording-out fold chose on the SP Cup (see the evaluation page).
        /// </summary>
        public float MotionPenalty = 0.63f;

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
        public float TrackMemory = 0.95f;

        /// <summary>Floor of a bin's normalised evidence (keeps log finite, limits one empty update's cost).</summary>
        public float EvidenceFloor = 0.03f;

        /// <summary>The reported rate stays within this many bins of the previous one unless a path elsewhere leads by <see cref="SwitchMargin"/>.</summary>
        public int OutputNeighbourhoodBins = 2;

        public float SwitchMargin = 3f;

        /// <summary>
        /// The reported rate does not switch to another track at a bin whose motion spectrum is at least this share of
        /// its peak (SP Cup 10: the track jumped to the arm swing, 85 against 155 bpm, at motion penalty 0.63; 0.1-0.5
        /// score alike, 0.6 no longer holds). Above 1: never blocked.
        /// </summary>
        public float MotionLineSwitchShare = 0.3f;

        /// <summary>
        /// While the shown rate's own bin lies on the strongest motion line (the pulse on the arm swing's harmonic), the
        /// Wiener gain and the penalty erase it with the artefact and the track drifts to a neighbouring maximum; the shown
        /// rate then moves at most <see cref="MotionLineHoldBpmPerSecond"/>, for at most this many updates in a row
        /// (SP Cup 3-8 alike; leave-one-recording-out 1.58 -> 1.49). 0: off.
        /// </summary>
        public int MotionLineHoldUpdates = 5;

        /// <summary>How fast the shown rate may move while held on a motion line, bpm per second (0.5-2 alike on the SP Cup).</summary>
        public float MotionLineHoldBpmPerSecond = 1f;

        /// <summary>
        /// Successive full-window updates whose start candidate (the strongest bin, or its fundamental) must agree within
        /// <see cref="TrackStepBins"/> before the track starts; until then each update's candidate is shown. 1: the
        /// first full window starts it (SP Cup 1.93 bpm, recording 10 started on the arm swing's line; 2: 1.61; 3: 1.64,
        /// recording 03 later).
        /// </summary>
        public int StartAgreementUpdates = 2;

        /// <summary>Full-window updates after which the track starts at the latest candidate even without agreement (3-10 score alike on the SP Cup; 2: recording 10 5.04 -> 5.71).</summary>
        public int StartDeferralLimit = 4;

        /// <summary>Beats anchor a track that has none yet also in light movement (below 0.4 g rms), not only at rest.</summary>
        public bool AnchorInLightMotion;

        /// <summary>
        /// A track the spectra built while moving takes the beats' rate only after this much rest: in a pause within
        /// slow walking the beats can read half the rate (SP Cup 10: 50 against 130 bpm for 20 s). 0: at once.
        /// </summary>
        public int AnchorAfterRestSeconds = 10;

        /// <summary>Input samples per analysis sample at <paramref name="rateHz"/>, or 0 when the period does not divide evenly.</summary>
        public int Decimation(int rateHz)
        {
            return rateHz * AnalysisPeriodMs % 1000 == 0 ? rateHz * AnalysisPeriodMs / 1000 : 0;
        }

        /// <summary>Throws ArgumentException naming the first setting out of range.</summary>
        public void Validate()
        {
            if (AnalysisPeriodMs < 1 || AnalysisPeriodMs > 125 || 1000 * WindowSeconds % AnalysisPeriodMs != 0
                || WindowSeconds < 2 || UpdateSeconds < 1 || UpdateSeconds > WindowSeconds || 1000 * UpdateSeconds % AnalysisPeriodMs != 0)
            {
                throw new ArgumentOutOfRangeException("AnalysisPeriodMs", "need a rate of 8 Hz or more, whole samples per update and 1 <= update <= window seconds");
            }

            if (SpectrumSize < 1000 * WindowSeconds / AnalysisPeriodMs || SpectrumSize < 8 || (SpectrumSize & (SpectrumSize - 1)) != 0)
            {
                throw new ArgumentOutOfRangeException("SpectrumSize", "must be a power of two holding the whole window");
            }

            if (!(MinimumBpm > 0) || !(MaximumBpm > MinimumBpm) || !(MaximumBpm / 60f < 500f / AnalysisPeriodMs))
            {
                throw new ArgumentOutOfRangeException("MaximumBpm", "need 0 < minimum < maximum below half the analysis rate");
            }

            if (CancellerTaps < 0 || !(CancellerStep >= 0 && CancellerStep < 2) || SpectraAveraged < 1 || MotionSpectrumEvery < 1 || TrackStepBins < 0
                || OutputNeighbourhoodBins < 0 || !(TrackMemory > 0 && TrackMemory <= 1) || !(EvidenceFloor > 0)
                || !(MotionPenalty >= 0 && MotionPenalty <= 1) || !(AccelerationFloorG > 0) || !(TrackStepCost >= 0) || !(SwitchMargin >= 0) || !(MotionLineSwitchShare >= 0) || MotionLineHoldUpdates < 0 || !(MotionLineHoldBpmPerSecond >= 0) || !(HarmonicSupport >= 0) || AnchorAfterRestSeconds < 0 || StartAgreementUpdates < 1 || StartDeferralLimit < 1)
            {
                throw new ArgumentOutOfRangeException("CancellerTaps", "canceller, tracker and penalty settings out of range");
            }
        }
    }
}
