using System;

namespace WearableFirmware.Falls
{
    /// <summary>
    /// Fall detector for a device on the wrist, one sample at a time (x, y, z in g). Per sample it only stores the
    /// sample in the motion history and compares the capped magnitude with the trigger; everything else happens once
    /// per impact. An impact opens when the capped magnitude reaches the trigger; a larger one within the wait moves
    /// the peak; <see cref="WristFallFeatures.SecondsAfterPeak"/> after the peak the features are computed from the
    /// history around it and the model (<see cref="WristFallModel"/>) scores them. The score, the features and the
    /// peak of the last judged impact stay readable. Works on either wrist and any band rotation: nothing depends on
    /// the sensor's axes. The wrist cannot tell the body's posture, so <see cref="PostureAfter"/> is Unknown.
    /// </summary>
    public sealed class WristFallDetector : IFallDetector
    {
        private readonly WristFallDetectorSettings _settings;
        private readonly MotionHistory _history;
        private readonly float[] _features = new float[WristFallFeatures.Count];
        private readonly int _waitSamples;

        // Per sample: the settings' trigger and the magnitude in fields, not properties (a call each on nanoCLR).
        private readonly float _triggerG;
        private float _magnitude;
        private bool _pending;
        private long _peakSample;
        private float _peakCapped;

        public WristFallDetector(WristFallDetectorSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            settings.Validate();
            _settings = settings.Copy();
            _triggerG = _settings.TriggerG;
            int rate = _settings.SampleRateHz;
            _waitSamples = (int)(WristFallFeatures.SecondsAfterPeak * rate + 0.5f);
            int before = (int)(WristFallFeatures.SecondsBeforePeak * rate + 0.5f);
            _history = new MotionHistory(before + _waitSamples + 2);
            SampleRateHz = rate;
            DecisionSample = -1;
        }

        public int SampleRateHz { get; private set; }

        /// <summary>Magnitude of the last sample, in g (not capped).</summary>
        public float Magnitude
        {
            get { return _magnitude; }
        }

        /// <summary>Samples processed since construction or the last reset.</summary>
        public long SampleCount
        {
            get { return _history.Count; }
        }

        /// <summary>True while an impact waits to be judged.</summary>
        public bool Judging
        {
            get { return _pending; }
        }

        /// <summary>Magnitude (g, not capped) at the peak of the current or last judged impact.</summary>
        public float PeakG { get; private set; }

        /// <summary>Sample index of that peak.</summary>
        public long PeakSample { get; private set; }

        /// <summary>Sample index at which the last impact was judged (-1: none yet).</summary>
        public long DecisionSample { get; private set; }

        /// <summary>The model's score (log odds of a fall) of the last judged impact.</summary>
        public float Score { get; private set; }

        /// <summary>The features of the last judged impact (indices in <see cref="WristFallFeatures"/>); do not modify.</summary>
        public float[] Features
        {
            get { return _features; }
        }

        public BodyPosture PostureAfter
        {
            get { return BodyPosture.Unknown; }
        }

        public FallDecision Process(float x, float y, float z)
        {
            float magnitude = _history.Add(x, y, z);
            _magnitude = magnitude;
            float capped = magnitude < WristFallFeatures.CapG ? magnitude : WristFallFeatures.CapG;
            if (!_pending)
            {
                if (capped >= _triggerG)
                {
                    _pending = true;
                    Anchor(_history.Count - 1, magnitude, capped);
                }

                return FallDecision.None;
            }

            long sample = _history.Count - 1;

            // Capped and strictly larger: a clipping and a non-clipping sensor anchor on the same sample.
            if (capped > _peakCapped)
            {
                Anchor(sample, magnitude, capped);
            }

            if (sample - _peakSample < _waitSamples)
            {
                return FallDecision.None;
            }

            _pending = false;
            WristFallFeatures.Compute(_history, _peakSample, SampleRateHz, _triggerG, _features);
            Score = WristFallModel.Score(_features);
            DecisionSample = sample;
            return Score >= _settings.DecisionScore ? FallDecision.Fall : FallDecision.Rejected;
        }

        public void Reset()
        {
            _history.Clear();
            _pending = false;
        }

        private void Anchor(long sample, float magnitude, float capped)
        {
            _peakSample = sample;
            _peakCapped = capped;
            PeakSample = sample;
            PeakG = magnitude;
        }
    }
}
