using System;

namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Settings of the vitals pipeline; the defaults are the device's. Change before constructing a
    /// <see cref="VitalsProcessor"/>, which validates them once.
    /// </summary>
    public sealed class VitalsConfiguration
    {
        /// <summary>
        /// Samples per second per channel (MAX30102 SPO2_SR). 100 sps: 10 ms raw timing, refined between samples by
        /// peak interpolation, is ample for RR intervals; the pulse band (≤ 5 Hz) is far below Nyquist; and it is the
        /// lowest rate that keeps both, halving I2C traffic and processing against 200 sps. The 32-sample FIFO
        /// holds 320 ms, which is what a late loop tick can absorb without losing samples.
        /// </summary>
        public int SampleRateHz = 100;

        /// <summary>Accelerometer samples per second handed to <see cref="VitalsProcessor.AddAcceleration"/> (ADXL345 ODR).</summary>
        public int AccelerometerRateHz = 50;

        /// <summary>The motion-robust heart-rate estimator's settings.</summary>
        public MotionHeartRateSettings MotionHeartRate = new MotionHeartRateSettings();

        /// <summary>Band-pass low corner: below the slowest rate (30 bpm = 0.5 Hz), above baseline wander.</summary>
        public float LowCornerHz = 0.5f;

        /// <summary>Band-pass high corner: the fastest rate (240 bpm = 4 Hz) with margin; drops noise and tremor.</summary>
        public float HighCornerHz = 5f;

        /// <summary>Time constant of the DC level (s).</summary>
        public float DcTimeConstantSeconds = 1f;

        public float MinimumHeartRateBpm = 30f;

        public float MaximumHeartRateBpm = 240f;

        /// <summary>Fraction of the peak envelope a peak must exceed.</summary>
        public float BeatThresholdFraction = 0.4f;

        /// <summary>How fast the beat detector forgets a large peak (s).</summary>
        public float BeatEnvelopeTimeConstantSeconds = 1.5f;

        /// <summary>Intervals averaged for the heart rate.</summary>
        public int HeartRateIntervals = 8;

        /// <summary>Accepted intervals needed for a heart rate.</summary>
        public int MinimumHeartRateIntervals = 3;

        /// <summary>
        /// Start-up: before <see cref="MinimumHeartRateIntervals"/> intervals agree, a heart rate is reported from
        /// the first intervals (at least two) when each lies within this fraction of their mean; 0 turns it off.
        /// </summary>
        public float EarlyIntervalTolerance = 0.1f;

        /// <summary>
        /// Time the early estimate's intervals must span together (s). A beat split in two (a dicrotic wave or a
        /// stray pulse while the filters settle) gives two agreeing half-period intervals: at 85 bpm 0.35 s each, a
        /// reading of 170 bpm seen on a recorded start-up. Two true intervals span 1.2 s up to 100 bpm; faster, a
        /// rate waits for a third interval (at most 0.6 s more).
        /// </summary>
        public float EarlyMinimumSpanSeconds = 1.2f;

        /// <summary>
        /// Start-up check: until the ring holds this many intervals (too few to outvote beats split by a dicrotic notch
        /// or motion), a heart rate also needs the pulse to repeat itself at the median interval (correlation of the
        /// last <see cref="PeriodicityWindowSeconds"/> with the same span one interval earlier ≥
        /// <see cref="StartupMinimumCorrelation"/>). A split beat's interval is a fraction of the period, where it does not.
        /// </summary>
        public int StartupCheckIntervals = 6;

        /// <summary>
        /// Recovery: once a rate has been reported, when the ring has lost its majority (motion), this many latest
        /// intervals agreeing within <see cref="EarlyIntervalTolerance"/>, with the pulse repeating at their interval,
        /// restart it; 0 turns it off.
        /// </summary>
        public int RecoveryIntervals = 3;

        public float StartupMinimumCorrelation = 0.5f;

        /// <summary>Shortest span compared by the start-up check (s); a span of one short interval can match by chance.</summary>
        public float PeriodicityWindowSeconds = 1f;

        /// <summary>Accepted deviation of an interval from the median of the recent ones.</summary>
        public float IntervalTolerance = 0.25f;

        /// <summary>Clean beats averaged for SpO2.</summary>
        public int SpO2Beats = 8;

        /// <summary>Agreeing clean beats needed for an SpO2 value.</summary>
        public int MinimumSpO2Beats = 4;

        /// <summary>
        /// Agreeing clean beats for an SpO2 value in <see cref="ShortRecord"/>: two. One beat's ratio cannot be checked
        /// against anything; two must agree (each within 10 % of their mean), so a disturbed beat that disagrees
        /// leaves no value rather than a wrong one. Two ratios need three detected beats: the first SpO2 3.5 s after
        /// the sensor starts at 60 bpm, 2.5 s at 90 bpm (5.8 s and 3.9 s with four beats).
        /// </summary>
        public const int ShortRecordMinimumSpO2Beats = 2;

        /// <summary>Red/IR correlation over a beat below which the beat is not used for SpO2.</summary>
        public float MinimumBeatCorrelation = 0.8f;

        /// <summary>Perfusion index (%) below which the low-perfusion flag is raised.</summary>
        public float LowPerfusionPercent = 0.2f;

        /// <summary>
        /// IR ADC counts above which skin is present. With the MAX30102 at 18-bit resolution and the LED currents
        /// of the driver's defaults, an uncovered sensor reads a few hundred to a few thousand counts and a finger
        /// tens of thousands or more.
        /// </summary>
        public int ContactThresholdCounts = 10000;

        /// <summary>Time above the contact threshold before contact is declared (s).</summary>
        public float ContactOnSeconds = 0.25f;

        /// <summary>Time below the contact threshold before contact is lost (s).</summary>
        public float ContactOffSeconds = 0.1f;

        /// <summary>After contact begins, time for the filters to settle before beats count (s).</summary>
        public float SettleSeconds = 0.5f;

        /// <summary>With no beat for this long (or twice the median interval if longer), readings stop (s).</summary>
        public float BeatTimeoutSeconds = 3f;

        /// <summary>A clean beat older than this no longer keeps SpO2 valid (s).</summary>
        public float SpO2HoldSeconds = 5f;

        /// <summary>R to SpO2 curve; the default is the MAX3010x curve of <see cref="SpO2Calibration.Max3010xMaxim"/>.</summary>
        public SpO2Calibration Calibration = SpO2Calibration.Max3010xMaxim();

        /// <summary>
        /// The settings for a spot check of a few seconds (a finger held on the sensor, a short recording): the device's
        /// defaults except that SpO2 needs <see cref="ShortRecordMinimumSpO2Beats"/> agreeing clean beats instead of
        /// four. Every other gate (contact, settling, red/IR correlation per beat, interval agreement, quality flags,
        /// motion) stays as it is. The continuous device keeps its own configuration: four agreeing beats, because a
        /// reading that goes out every second while the wearer moves must ride out more than one disturbed beat.
        /// </summary>
        public static VitalsConfiguration ShortRecord()
        {
            VitalsConfiguration c = new VitalsConfiguration();
            c.MinimumSpO2Beats = ShortRecordMinimumSpO2Beats;
            return c;
        }

        /// <summary>Throws ArgumentException naming the first setting out of range.</summary>
        public void Validate()
        {
            if (SampleRateHz < 25 || SampleRateHz > 3200)
            {
                throw new ArgumentOutOfRangeException("SampleRateHz", "must be 25-3200 samples per second");
            }

            if (!(LowCornerHz > 0) || !(HighCornerHz > LowCornerHz) || !(HighCornerHz < SampleRateHz / 2f))
            {
                throw new ArgumentOutOfRangeException("HighCornerHz", "need 0 < low corner < high corner < half the sample rate");
            }

            if (!(MinimumHeartRateBpm > 0) || !(MaximumHeartRateBpm > MinimumHeartRateBpm))
            {
                throw new ArgumentOutOfRangeException("MaximumHeartRateBpm", "need 0 < minimum < maximum heart rate");
            }

            if (HeartRateIntervals < 3 || MinimumHeartRateIntervals < 1 || MinimumHeartRateIntervals > HeartRateIntervals)
            {
                throw new ArgumentOutOfRangeException("MinimumHeartRateIntervals", "need 1 <= minimum <= intervals kept, and at least 3 kept");
            }

            if (!(EarlyMinimumSpanSeconds >= 0))
            {
                throw new ArgumentOutOfRangeException("EarlyMinimumSpanSeconds", "must be 0 (any) or more");
            }

            if (RecoveryIntervals != 0 && (RecoveryIntervals < 2 || RecoveryIntervals > HeartRateIntervals))
            {
                throw new ArgumentOutOfRangeException("RecoveryIntervals", "must be 0 (off) or 2 up to the intervals kept");
            }

            if (SpO2Beats < 1 || MinimumSpO2Beats < 1 || MinimumSpO2Beats > SpO2Beats)
            {
                throw new ArgumentOutOfRangeException("MinimumSpO2Beats", "need 1 <= minimum <= beats kept");
            }

            if (!(BeatThresholdFraction > 0 && BeatThresholdFraction < 1) || !(IntervalTolerance > 0 && IntervalTolerance < 1)
                || !(EarlyIntervalTolerance >= 0 && EarlyIntervalTolerance < 1) || !(StartupMinimumCorrelation <= 1) || StartupCheckIntervals < 0)
            {
                throw new ArgumentOutOfRangeException("BeatThresholdFraction", "threshold fraction and interval tolerance must lie between 0 and 1");
            }

            if (!(DcTimeConstantSeconds > 0) || !(BeatEnvelopeTimeConstantSeconds > 0) || !(BeatTimeoutSeconds > 0) || !(SpO2HoldSeconds > 0) || SettleSeconds < 0
                || !(PeriodicityWindowSeconds > 0))
            {
                throw new ArgumentOutOfRangeException("BeatTimeoutSeconds", "time constants and time-outs must be positive");
            }

            if (MotionHeartRate == null)
            {
                throw new ArgumentNullException("MotionHeartRate");
            }

            MotionHeartRate.Validate();
            if (AccelerometerRateHz < 1 || MotionHeartRate.Decimation(AccelerometerRateHz) < 1 || MotionHeartRate.Decimation(SampleRateHz) < 1)
            {
                throw new ArgumentOutOfRangeException("AccelerometerRateHz", "the motion analysis period must hold whole PPG and accelerometer sample periods");
            }

            if (Calibration == null)
            {
                throw new ArgumentNullException("Calibration");
            }

            Calibration.Validate();
        }
    }
}
