using System;

namespace WearableFirmware.Falls
{
    /// <summary>
    /// Multi-stage fall detector, one accelerometer sample at a time (x, y, z in g), bounded memory, no allocation
    /// after construction, float math. An impact cluster opens when the magnitude crosses the trigger; later
    /// crossings extend it (a fall is often several hits). When the magnitude has stayed below the trigger for the
    /// settle time, the confirmation window measures the posture and the movement, and the four stages decide:
    /// <list type="number">
    /// <item>pre-impact: the lowest magnitude in the second before the peak shows loss of support (free fall);</item>
    /// <item>impact: the cluster's peak magnitude;</item>
    /// <item>posture: the angle between the low-passed gravity before the cluster and the mean acceleration
    /// (gravity, since the wearer is still) over the confirmation window, with the trunk upright or sitting before
    /// and no longer upright after (tilts against the configured upright axis);</item>
    /// <item>inactivity: the standard deviation of the magnitude over the confirmation window.</item>
    /// </list>
    /// The stage outputs of the last judged cluster stay readable until the next one is judged.
    /// Assumes a waist-worn device (as in SisFall); on the wrist arm swings add posture changes and impacts.
    /// </summary>
    public sealed class FallDetector : IFallDetector
    {
        /// <summary>m/s² per g.</summary>
        public const float StandardGravity = 9.80665f;

        private readonly FallDetectorSettings _settings;
        private readonly float _triggerG;
        private readonly float _uprightX;
        private readonly float _uprightY;
        private readonly float _uprightZ;
        private readonly int _settleSamples;
        private readonly int _confirmationSamples;
        private readonly float _gravityAlpha;
        private readonly float _speedPerDeficitSample;

        // Rings of the recent past, oldest overwritten: magnitude for the pre-impact search, gravity for "before".
        private readonly float[] _magnitudeRing;
        private readonly float[] _gravityRing;
        private int _magnitudeCount;
        private int _magnitudeHead;
        private int _gravityCount;
        private int _gravityHead;

        private bool _started;
        private float _gravityX;
        private float _gravityY;
        private float _gravityZ;

        private long _sampleIndex = -1;
        private long _lastImpactSample;
        private int _confirmationCount;
        private float _sumX;
        private float _sumY;
        private float _sumZ;
        private float _sumDeviation;
        private float _sumDeviationSquared;

        public FallDetector(FallDetectorSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            settings.Validate();
            settings = settings.Copy();
            _settings = settings;
            float rate = settings.SampleRateHz;
            _triggerG = settings.ImpactTriggerG;
            _uprightX = settings.UprightAxisX;
            _uprightY = settings.UprightAxisY;
            _uprightZ = settings.UprightAxisZ;
            _settleSamples = SecondsToSamples(settings.SettleSeconds, rate);
            _confirmationSamples = Math.Max(1, SecondsToSamples(settings.ConfirmationSeconds, rate));
            _gravityAlpha = (float)(1.0 - Math.Exp(-1.0 / (settings.GravityTimeConstantSeconds * rate)));
            _magnitudeRing = new float[Math.Max(1, SecondsToSamples(settings.PreImpactWindowSeconds, rate))];
            _gravityRing = new float[3 * Math.Max(1, SecondsToSamples(settings.GravityLeadSeconds, rate))];
            _speedPerDeficitSample = StandardGravity / rate;
            SampleRateHz = settings.SampleRateHz;
        }

        public int SampleRateHz { get; private set; }

        /// <summary>Samples processed so far.</summary>
        public long SampleCount
        {
            get { return _sampleIndex + 1; }
        }

        public FallStage Stage { get; private set; }

        /// <summary>Magnitude of the last sample, in g.</summary>
        public float Magnitude { get; private set; }

        /// <summary>Low-passed gravity estimate (g) after the last sample.</summary>
        public float GravityX
        {
            get { return _gravityX; }
        }

        public float GravityY
        {
            get { return _gravityY; }
        }

        public float GravityZ
        {
            get { return _gravityZ; }
        }

        // Stage outputs of the current (while Impact/Confirming) or last judged cluster.

        /// <summary>Sample index (0-based) of the cluster's highest magnitude.</summary>
        public long PeakSample { get; private set; }

        /// <summary>Impact stage: highest magnitude in the cluster, in g.</summary>
        public float PeakG { get; private set; }

        /// <summary>Pre-impact stage: lowest magnitude in the window before the peak, in g.</summary>
        public float PreImpactMinimumG { get; private set; }

        /// <summary>
        /// Pre-impact stage: speed (m/s) gained during loss of support in the window before the peak, the integral
        /// of (1 g - magnitude) where the magnitude is below 1 g. Near zero for a controlled lie-down.
        /// </summary>
        public float PreImpactSpeed { get; private set; }

        /// <summary>Posture stage: angle between gravity before the cluster and after it, in degrees.</summary>
        public float PostureChangeDegrees { get; private set; }

        /// <summary>Posture stage: angle between gravity before the cluster and the upright axis (0 standing, 90 lying).</summary>
        public float TiltBeforeDegrees { get; private set; }

        /// <summary>Angle between gravity after the cluster and the upright axis, in degrees.</summary>
        public float TiltAfterDegrees { get; private set; }

        /// <summary>Posture after the last judged cluster, from <see cref="TiltAfterDegrees"/>.</summary>
        public BodyPosture PostureAfter
        {
            get { return BodyPostures.FromTilt(TiltAfterDegrees); }
        }

        /// <summary>Inactivity stage: standard deviation of the magnitude over the confirmation window, in g.</summary>
        public float ActivityG { get; private set; }

        /// <summary>Gravity before the cluster (low-passed, from the lead time before its first impact).</summary>
        public float BeforeX { get; private set; }

        public float BeforeY { get; private set; }

        public float BeforeZ { get; private set; }

        /// <summary>Gravity after: mean acceleration over the confirmation window.</summary>
        public float AfterX { get; private set; }

        public float AfterY { get; private set; }

        public float AfterZ { get; private set; }

        /// <summary>Impact stage verdict: the peak reached the impact threshold.</summary>
        public bool ImpactPassed { get; private set; }

        /// <summary>Pre-impact stage verdict: enough free-fall speed, or an impact hard enough to need none.</summary>
        public bool FreeFallPassed { get; private set; }

        /// <summary>Posture stage verdict: upright (or sitting) before, turned by at least the posture threshold, not upright after.</summary>
        public bool PosturePassed { get; private set; }

        /// <summary>Inactivity stage verdict: still over the confirmation window.</summary>
        public bool InactivityPassed { get; private set; }

        /// <summary>Sample index at which the last cluster was judged.</summary>
        public long DecisionSample { get; private set; }

        /// <summary>Feeds one sample (g); returns what, if anything, it concluded.</summary>
        public FallDecision Process(float x, float y, float z)
        {
            _sampleIndex++;
            float magnitude = Vector3Math.Magnitude(x, y, z);
            Magnitude = magnitude;
            if (!_started)
            {
                _gravityX = x;
                _gravityY = y;
                _gravityZ = z;
                _started = true;
            }
            else
            {
                _gravityX += _gravityAlpha * (x - _gravityX);
                _gravityY += _gravityAlpha * (y - _gravityY);
                _gravityZ += _gravityAlpha * (z - _gravityZ);
            }

            FallDecision decision = FallDecision.None;
            if (magnitude >= _triggerG)
            {
                OnImpactSample(magnitude);
            }
            else if (Stage == FallStage.Impact)
            {
                if (_sampleIndex - _lastImpactSample > _settleSamples)
                {
                    Stage = FallStage.Confirming;
                    ResetConfirmation();
                    decision = Accumulate(x, y, z, magnitude);
                }
            }
            else if (Stage == FallStage.Confirming)
            {
                decision = Accumulate(x, y, z, magnitude);
            }

            PushMagnitude(magnitude);
            PushGravity();
            return decision;
        }

        /// <summary>Forgets everything (e.g. after the sensor restarted): the next sample starts a fresh history.</summary>
        public void Reset()
        {
            _started = false;
            _magnitudeCount = 0;
            _magnitudeHead = 0;
            _gravityCount = 0;
            _gravityHead = 0;
            Stage = FallStage.Monitoring;
            ResetConfirmation();
        }

        private void OnImpactSample(float magnitude)
        {
            if (Stage == FallStage.Monitoring)
            {
                // New cluster: "before" gravity comes from the oldest stored estimate, GravityLead ago.
                int oldest = _gravityCount < _gravityRing.Length / 3 ? 0 : _gravityHead;
                if (_gravityCount == 0)
                {
                    BeforeX = _gravityX;
                    BeforeY = _gravityY;
                    BeforeZ = _gravityZ;
                }
                else
                {
                    BeforeX = _gravityRing[oldest * 3];
                    BeforeY = _gravityRing[oldest * 3 + 1];
                    BeforeZ = _gravityRing[oldest * 3 + 2];
                }

                PeakG = 0f;
            }

            if (magnitude > PeakG)
            {
                PeakG = magnitude;
                PeakSample = _sampleIndex;
                ScanPreImpactWindow();
            }

            _lastImpactSample = _sampleIndex;
            Stage = FallStage.Impact;
        }

        private FallDecision Accumulate(float x, float y, float z, float magnitude)
        {
            _sumX += x;
            _sumY += y;
            _sumZ += z;
            float deviation = magnitude - 1f; // near zero at rest, so the float sums keep their precision
            _sumDeviation += deviation;
            _sumDeviationSquared += deviation * deviation;
            _confirmationCount++;
            if (_confirmationCount < _confirmationSamples)
            {
                return FallDecision.None;
            }

            float n = _confirmationCount;
            AfterX = _sumX / n;
            AfterY = _sumY / n;
            AfterZ = _sumZ / n;
            float mean = _sumDeviation / n;
            float variance = _sumDeviationSquared / n - mean * mean;
            ActivityG = variance > 0f ? (float)Math.Sqrt(variance) : 0f;
            PostureChangeDegrees = Vector3Math.AngleDegrees(BeforeX, BeforeY, BeforeZ, AfterX, AfterY, AfterZ);
            TiltBeforeDegrees = Vector3Math.AngleDegrees(BeforeX, BeforeY, BeforeZ, _uprightX, _uprightY, _uprightZ);
            TiltAfterDegrees = Vector3Math.AngleDegrees(AfterX, AfterY, AfterZ, _uprightX, _uprightY, _uprightZ);

            ImpactPassed = _settings.ImpactPasses(PeakG);
            FreeFallPassed = _settings.PreImpactPasses(PeakG, PreImpactSpeed);
            PosturePassed = _settings.PosturePasses(PostureChangeDegrees, TiltBeforeDegrees, TiltAfterDegrees);
            InactivityPassed = _settings.InactivityPasses(ActivityG);
            DecisionSample = _sampleIndex;
            Stage = FallStage.Monitoring;
            return FreeFallPassed && ImpactPassed && PosturePassed && InactivityPassed ? FallDecision.Fall : FallDecision.Rejected;
        }

        private void ResetConfirmation()
        {
            _confirmationCount = 0;
            _sumX = 0f;
            _sumY = 0f;
            _sumZ = 0f;
            _sumDeviation = 0f;
            _sumDeviationSquared = 0f;
        }

        // Pre-impact stage outputs from the window before the peak: the lowest magnitude and the speed gained while
        // support was missing (integral of 1 g minus the magnitude, where the magnitude is below 1 g).
        private void ScanPreImpactWindow()
        {
            float minimum = Magnitude;
            float deficit = 0f;
            for (int i = 0; i < _magnitudeCount; i++)
            {
                float m = _magnitudeRing[i];
                minimum = Math.Min(minimum, m);
                if (m < 1f)
                {
                    deficit += 1f - m;
                }
            }

            PreImpactMinimumG = minimum;
            PreImpactSpeed = deficit * _speedPerDeficitSample;
        }

        private void PushMagnitude(float magnitude)
        {
            _magnitudeRing[_magnitudeHead] = magnitude;
            _magnitudeHead = (_magnitudeHead + 1) % _magnitudeRing.Length;
            if (_magnitudeCount < _magnitudeRing.Length)
            {
                _magnitudeCount++;
            }
        }

        private void PushGravity()
        {
            int slot = _gravityHead * 3;
            _gravityRing[slot] = _gravityX;
            _gravityRing[slot + 1] = _gravityY;
            _gravityRing[slot + 2] = _gravityZ;
            int capacity = _gravityRing.Length / 3;
            _gravityHead = (_gravityHead + 1) % capacity;
            if (_gravityCount < capacity)
            {
                _gravityCount++;
            }
        }

        private static int SecondsToSamples(float seconds, float rate)
        {
            return (int)(seconds * rate + 0.5f);
        }
    }
}
