using System;

namespace WearableFirmware.Falls
{
    /// <summary>
    /// The features the wrist fall model judges an impact by, computed once per impact from the motion history
    /// around its peak (sample P): what the wrist can tell about a fall — how hard and how long the impact was (a fall shakes the wrist for a second or more, a slap is one spike), whether
    /// support was lost before it, whether the forearm ended in a different orientation, whether the wearer was moving
    /// rhythmically before (jogging, clapping) and whether the arm is still afterwards. Every feature is a magnitude,
    /// a spread or an angle between two mean vectors, so neither the wrist, the band's rotation nor the sensor's axes
    /// change it; magnitudes are capped at <see cref="CapG"/> so a sensor that clips at ±4 g per axis (WEDA-FALL's
    /// watch) and the ADXL345 at ±16 g give the same values. Windows are short means, not single samples, so a 40 Hz
    /// and a 50 Hz recording of the same movement give nearly the same values. Activity and spread features enter the
    /// model as logarithms (they span two decades).
    /// </summary>
    public static class WristFallFeatures
    {
        /// <summary>Number of features.</summary>
        public const int Count = 12;

        /// <summary>Magnitudes are capped here (g): the lowest per-axis range of the recordings the model learned from.</summary>
        public const float CapG = 4f;

        /// <summary>History the features need before the peak, and the wait after it before they can be computed (s).</summary>
        public const float SecondsBeforePeak = 4f;

        public const float SecondsAfterPeak = 2.4f;

        /// <summary>Level of the local peaks counted around the impact (g).</summary>
        public const float LocalPeakG = 1.8f;

        /// <summary>How far the capped magnitude must be from 1 g for a sample to count as shaking (g).</summary>
        public const float ShakingG = 0.5f;

        // Feature indices.
        public const int Peak = 0;               // capped peak magnitude, g
        public const int ImpactActivity = 1;     // ln(0.01 + mean |m-1|) over [P-0.3, P+0.3) s
        public const int MovementBefore = 2;     // ln(0.01 + vector spread) over [P-2, P-1) s
        public const int ActivityJustAfter = 3;  // ln(0.01 + mean |m-1|) over [P+0.3, P+1) s
        public const int ActivityLater = 4;      // ln(0.01 + mean |m-1|) over [P+1.6, P+2.4) s
        public const int MovementLater = 5;      // ln(0.01 + vector spread) over [P+1.6, P+2.4) s
        public const int Turn = 6;               // degrees between the mean vectors over [P-3, P-1.5) and [P+1.6, P+2.4) s
        public const int TurnAcrossImpact = 7;   // degrees between the mean vectors over [P-1.2, P-0.4) and [P+0.4, P+1.2) s
        public const int ImpactsBefore = 8;      // ln(1 + trigger crossings) over [P-4, P-0.3) s
        public const int FreeFall = 9;           // ln(0.01 + speed gained below 1 g, m/s) over [P-1, P) s
        public const int LocalPeaks = 10;        // local maxima above 1.8 g over [P-1, P+1) s
        public const int ShakingTime = 11;       // seconds with |min(m, 4) - 1| > 0.5 g over [P-1.2, P+1.2) s

        private const float LogFloor = 0.01f;

        /// <summary>Short names, in index order (CSV headers, reports).</summary>
        public static string Name(int feature)
        {
            switch (feature)
            {
                case Peak: return "peak_g";
                case ImpactActivity: return "ln_impact_activity";
                case MovementBefore: return "ln_movement_before";
                case ActivityJustAfter: return "ln_activity_just_after";
                case ActivityLater: return "ln_activity_later";
                case MovementLater: return "ln_movement_later";
                case Turn: return "turn_deg";
                case TurnAcrossImpact: return "turn_across_impact_deg";
                case ImpactsBefore: return "ln1p_impacts_before";
                case FreeFall: return "ln_free_fall_speed";
                case LocalPeaks: return "local_peaks";
                case ShakingTime: return "shaking_s";
                default: return "?";
            }
        }

        /// <summary>
        /// Fills <paramref name="features"/> (length <see cref="Count"/>) for the impact peaking at sample
        /// <paramref name="peak"/>; the history must reach <see cref="SecondsAfterPeak"/> past it. Windows that reach
        /// before the oldest held sample (just after start-up) use what is there.
        /// </summary>
        public static void Compute(MotionHistory history, long peak, int sampleRateHz, float triggerG, float[] features)
        {
            float rate = sampleRateHz;
            features[Peak] = Math.Min(history.MagnitudeAt(peak), CapG);
            features[ImpactActivity] = Ln(history.MeanDeviation(At(peak, -0.3f, rate), At(peak, 0.3f, rate), CapG));
            features[MovementBefore] = Ln(history.Spread(At(peak, -2f, rate), At(peak, -1f, rate)));
            features[ActivityJustAfter] = Ln(history.MeanDeviation(At(peak, 0.3f, rate), At(peak, 1f, rate), CapG));
            long lateFrom = At(peak, 1.6f, rate);
            long lateTo = At(peak, SecondsAfterPeak, rate);
            features[ActivityLater] = Ln(history.MeanDeviation(lateFrom, lateTo, CapG));
            features[MovementLater] = Ln(history.Spread(lateFrom, lateTo));
            features[Turn] = Angle(history, peak, At(peak, -3f, rate), At(peak, -1.5f, rate), lateFrom, lateTo);
            features[TurnAcrossImpact] = Angle(history, peak, At(peak, -1.2f, rate), At(peak, -0.4f, rate), At(peak, 0.4f, rate), At(peak, 1.2f, rate));
            int before = history.Crossings(At(peak, -SecondsBeforePeak, rate), At(peak, -0.3f, rate), triggerG, CapG);
            features[ImpactsBefore] = (float)Math.Log(1.0 + before);
            float speed = history.SupportDeficit(At(peak, -1f, rate), peak) * FallDetector.StandardGravity / rate;
            features[FreeFall] = Ln(speed);
            features[LocalPeaks] = history.LocalPeaks(At(peak, -1f, rate), At(peak, 1f, rate), LocalPeakG, CapG);

            // A fall shakes the wrist for a second or more; a slap on a table or a hop is one short spike.
            features[ShakingTime] = history.SamplesDeviating(At(peak, -1.2f, rate), At(peak, 1.2f, rate), ShakingG, CapG) / rate;
        }

        private static long At(long peak, float seconds, float rate)
        {
            float samples = seconds * rate;
            return peak + (long)(samples < 0f ? samples - 0.5f : samples + 0.5f);
        }

        private static float Ln(float value)
        {
            return (float)Math.Log(value + LogFloor);
        }

        // Angle between the mean vectors of two windows; an empty window stands for the peak sample's direction.
        private static float Angle(MotionHistory history, long peak, long aFrom, long aTo, long bFrom, long bTo)
        {
            float ax, ay, az, bx, by, bz;
            if (!history.Mean(aFrom, aTo, out ax, out ay, out az))
            {
                history.Mean(peak, peak + 1, out ax, out ay, out az);
            }

            if (!history.Mean(bFrom, bTo, out bx, out by, out bz))
            {
                history.Mean(peak, peak + 1, out bx, out by, out bz);
            }

            return Vector3Math.AngleDegrees(ax, ay, az, bx, by, bz);
        }
    }
}
