using System;

namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Heart rate from the spectrum of the pulse while the wearer moves, with the accelerometer as the reference of
    /// the artefact. Every update (2 s) over the last window (8 s): power spectra of the pulse and of each
    /// accelerometer axis (<see cref="RealSpectrum"/>, Hann window); a Wiener-like gain, pulse / (pulse + motion)
    /// from the spectra of the last few updates, keeps what the accelerometer does not explain; bins where the motion
    /// spectrum peaks lose part of their evidence; and the rate is tracked over time by dynamic programming: each
    /// bin's accumulated log-evidence is the best of its neighbours' (a rate moves at most
    /// <see cref="MotionHeartRateSettings.TrackStepBins"/> per update, larger moves cost more) plus its own evidence
    /// now, so a harmonic of the arm swing that is strong for a few seconds does not capture the rate, and a rate hidden
    /// under the artefact is bridged. The reported rate stays near the last one unless another track leads clearly,
    /// and is refined between bins by a parabola through the log spectrum. Two real signals share one complex
    /// transform (the two lights; the x and y axes). No allocation after construction.
    /// </summary>
    public sealed class SpectralHeartRateTracker
    {
        private const float Tiny = 1e-20f;
        private readonly MotionHeartRateSettings _s;
        private readonly int _window;
        private readonly int _updateSamples;
        private readonly float[] _pulse;
        private readonly float[] _second;
        private readonly float[] _ax;
        private readonly float[] _ay;
        private readonly float[] _az;
        private readonly float[] _hann;
        private readonly PairSpectrum _lightSpectra;
        private readonly PairSpectrum _horizontalSpectra;
        private readonly RealSpectrum _verticalSpectrum;
        private readonly int _firstBin;
        private readonly int _bins;
        private readonly float _bpmPerBin;
        private readonly float _accelFloorPower;

        // Spectra over bins firstBin−1 .. firstBin+bins (one extra each side for the interpolation).
        private readonly float[] _power;
        private readonly float[] _axisPower;
        private readonly float[] _motion;
        private readonly float[] _accelPower;
        private int _sinceMotionSpectrum;
        private readonly float[] _pulseHistory;
        private readonly float[] _motionHistory;
        private readonly float[] _evidence;
        private readonly float[] _enhanced;
        private readonly float[] _score;
        private readonly float[] _nextScore;
        private int _historyNext;
        private int _historyCount;
        private int _written;
        private int _sinceUpdate;
        private bool _tracking;
        private bool _active = true;
        private int _restSamples;
        private bool _trackedWhileMoving;
        private readonly int _anchorAfterRestSamples;
        private float _motionPeak;
        private int _startCandidate;
        private int _startVotes;
        private int _startUpdates;
        private int _lineHeldUpdates;
        private readonly SpectralPulseCheck _pulseCheck;

        public SpectralHeartRateTracker(MotionHeartRateSettings settings)
        {
            settings.Validate();
            _s = settings;
            _window = settings.WindowSeconds * 1000 / settings.AnalysisPeriodMs;
            _updateSamples = settings.UpdateSeconds * 1000 / settings.AnalysisPeriodMs;
            _pulse = new float[_window];
            _second = settings.SecondChannel ? new float[_window] : null;
            _ax = new float[_window];
            _ay = new float[_window];
            _az = new float[_window];
            _hann = Hann(_window);
            _lightSpectra = new PairSpectrum(settings.SpectrumSize);
            _horizontalSpectra = new PairSpectrum(settings.SpectrumSize);
            _verticalSpectrum = new RealSpectrum(settings.SpectrumSize);
            float binHz = 1000f / settings.AnalysisPeriodMs / settings.SpectrumSize;
            _bpmPerBin = 60f * binHz;
            int below = (int)(settings.MinimumBpm / _bpmPerBin);
            _firstBin = below * _bpmPerBin < settings.MinimumBpm ? below + 1 : below;
            int lastBin = (int)(settings.MaximumBpm / _bpmPerBin);
            _bins = lastBin - _firstBin + 1;
            int extended = _bins + 2;
            _power = new float[extended];
            _axisPower = new float[extended];
            _motion = new float[extended];
            _accelPower = new float[extended];
            _pulseHistory = new float[settings.SpectraAveraged * extended];
            _motionHistory = new float[settings.SpectraAveraged * extended];
            _evidence = new float[extended];
            _enhanced = new float[extended];
            _pulseCheck = new SpectralPulseCheck();
            _score = new float[_bins];
            _nextScore = new float[_bins];
            // A sinusoid of amplitude A through a Hann window of n samples peaks at A·n/4 in the transform.
            float peak = settings.AccelerationFloorG * _window / 4f;
            _accelFloorPower = peak * peak;
            _anchorAfterRestSamples = settings.AnchorAfterRestSeconds * 1000 / settings.AnalysisPeriodMs;
        }

        /// <summary>True once an estimate exists (a full window was analysed, or the rate was anchored).</summary>
        public bool IsValid { get; private set; }

        /// <summary>True when the track was anchored to a trusted rate (beats at rest) since the last reset.</summary>
        public bool Anchored { get; private set; }

        public float HeartRateBpm { get; private set; }

        /// <summary>Spectral updates since the last reset.</summary>
        public int Updates { get; private set; }

        /// <summary>
        /// While false (the wearer at rest, where the beats give the rate) the samples are kept but no spectrum is
        /// taken: the track waits on its anchor and resumes from a full window when movement starts.
        /// </summary>
        public bool Active
        {
            get { return _active; }
            set
            {
                if (value == _active)
                {
                    return;
                }

                if (value)
                {
                    _restSamples = 0;
                }
                else
                {
                    // Spectra from before the rest must not be averaged into the first ones after it.
                    _historyCount = 0;
                }

                _active = value;
            }
        }

        /// <summary>Whether the tracked peak looks like a pulse (judged at every tracked update; see <see cref="SpectralPulseCheck"/>).</summary>
        public SpectralPulseCheck PulseCheck
        {
            get { return _pulseCheck; }
        }

        /// <summary>Bin width of the analysis (bpm).</summary>
        public float BpmPerBin
        {
            get { return _bpmPerBin; }
        }

        /// <summary>Takes one sample at the analysis rate: the (artefact-cancelled) pulse and the acceleration (g, gravity removed).</summary>
        public void Add(float pulse, float ax, float ay, float az)
        {
            Add(pulse, 0, ax, ay, az);
        }

        /// <summary>As <see cref="Add(float, float, float, float)"/> with the second light's pulse (used when <see cref="MotionHeartRateSettings.SecondChannel"/>).</summary>
        public void Add(float pulse, float second, float ax, float ay, float az)
        {
            if (_second != null)
            {
                _second[_written % _window] = second;
            }

            int at = _written % _window;
            _pulse[at] = pulse;
            _ax[at] = ax;
            _ay[at] = ay;
            _az[at] = az;
            _written++;
            if (_written > 2 * _window)
            {
                // Keep the counter small; only its value modulo the window matters.
                _written -= _window;
            }

            if (UpdatesOnRequest)
            {
                return;
            }

            _sinceUpdate++;
            if (_sinceUpdate >= _updateSamples)
            {
                _sinceUpdate = 0;
                UpdateNow();
            }
        }

        /// <summary>
        /// False (default): an update every <see cref="MotionHeartRateSettings.UpdateSeconds"/> of samples, counted from
        /// the reset. True: only when <see cref="UpdateNow"/> is called (the loop, just before the readings it publishes).
        /// </summary>
        public bool UpdatesOnRequest { get; set; }

        /// <summary>
        /// One update over the window as it is now (while <see cref="Active"/>; at rest only the rest is counted). The
        /// first needs the window at least three-quarters full (6 s of 8), so a reading exists by the end of the first
        /// window; the missing part reads as zeros.
        /// </summary>
        public void UpdateNow()
        {
            if (4 * _written < 3 * _window)
            {
                return;
            }

            if (_active)
            {
                Update();
            }
            else if (_restSamples < _anchorAfterRestSamples)
            {
                // Counted per update (2 s) so the moving path pays nothing for it.
                _restSamples += _updateSamples;
            }
        }

        /// <summary>
        /// Sets the track to a rate known from elsewhere (the beat detector at rest). A track built by the spectra
        /// while moving is kept until the rest has lasted <see cref="MotionHeartRateSettings.AnchorAfterRestSeconds"/>.
        /// </summary>
        public void Anchor(float bpm)
        {
            if (_trackedWhileMoving && _restSamples < _anchorAfterRestSamples)
            {
                return;
            }

            float j = bpm / _bpmPerBin - _firstBin;
            for (int b = 0; b < _bins; b++)
            {
                float d = b - j;
                _score[b] = -0.5f * d * d;
            }

            HeartRateBpm = bpm;
            IsValid = true;
            Anchored = true;
            _pulseCheck.Reset();
            _trackedWhileMoving = false;
            _tracking = true;
        }

        public void Reset()
        {
            _written = 0;
            _sinceUpdate = 0;
            _historyNext = 0;
            _historyCount = 0;
            _tracking = false;
            _trackedWhileMoving = false;
            _startVotes = 0;
            _startUpdates = 0;
            _lineHeldUpdates = 0;
            IsValid = false;
            Anchored = false;
            HeartRateBpm = 0;
            _pulseCheck.Reset();
            Updates = 0;
            for (int b = 0; b < _bins; b++)
            {
                _score[b] = 0;
            }

            // The first update may come before the window is full: what it has not seen must read as zeros.
            Array.Clear(_pulse, 0, _pulse.Length);
            if (_second != null)
            {
                Array.Clear(_second, 0, _second.Length);
            }
        }

        private void Update()
        {
            int extended = _bins + 2;
            int from = _firstBin - 1;
            int to = _firstBin + _bins;

            // Both lights through one complex transform; each light's spectrum scaled to its own peak, so the weaker
            // light votes as much as the stronger.
            Load(_pulse, _lightSpectra.First);
            if (_second != null)
            {
                Load(_second, _lightSpectra.Second);
            }

            _lightSpectra.Compute(_power, _axisPower, from, to);
            Normalise(_power, 1e-30f);
            if (_second != null)
            {
                Normalise(_axisPower, 1e-30f);
                for (int k = 0; k < extended; k++)
                {
                    _power[k] += _axisPower[k];
                }

                Normalise(_power, 1e-30f);
            }

            if (_historyCount == 0 || ++_sinceMotionSpectrum >= _s.MotionSpectrumEvery)
            {
                _sinceMotionSpectrum = 0;
                MotionSpectrum(from, to);
            }

            for (int k = 0; k < extended; k++)
            {
                _motion[k] = _accelPower[k];
            }

            int slot = _historyNext * extended;
            for (int k = 0; k < extended; k++)
            {
                _pulseHistory[slot + k] = _power[k];
                _motionHistory[slot + k] = _motion[k];
            }

            _historyNext = (_historyNext + 1) % _s.SpectraAveraged;
            if (_historyCount < _s.SpectraAveraged)
            {
                _historyCount++;
            }

            float motionPeak = 0;
            for (int k = 0; k < extended; k++)
            {
                float pulseMean = 0;
                float motionMean = 0;
                for (int h = 0; h < _historyCount; h++)
                {
                    pulseMean += _pulseHistory[h * extended + k];
                    motionMean += _motionHistory[h * extended + k];
                }

                // Averages over the history (the common 1/count cancels in the gain).
                _enhanced[k] = _power[k] * pulseMean / (pulseMean + motionMean + Tiny);
                _motion[k] = motionMean;
                if (k > 0 && k <= _bins && motionMean > motionPeak)
                {
                    motionPeak = motionMean;
                }
            }

            _motionPeak = motionPeak;
            float strongest = 0;
            for (int k = 1; k <= _bins; k++)
            {
                float e = _enhanced[k];
                if (motionPeak > 0)
                {
                    float keep = 1f - _s.MotionPenalty * _motion[k] / motionPeak;
                    e *= keep < 0.05f ? 0.05f : keep;
                }

                _evidence[k] = e;
                if (e > strongest)
                {
                    strongest = e;
                }
            }

            if (_s.HarmonicSupport > 0)
            {
                strongest = AddHarmonicSupport();
            }

            if (_written >= _window || _tracking)
            {
                Track(strongest);
            }
            else
            {
                // A partial window gives a first reading (its strongest bin) but does not start the track, nor vote for
                // its start: its 6 s lie wholly inside the first full window (a transient there would vote twice).
                int peak = 0;
                for (int b = 1; b < _bins; b++)
                {
                    if (_evidence[b + 1] > _evidence[peak + 1])
                    {
                        peak = b;
                    }
                }

                peak = Fundamental(peak);
                HeartRateBpm = (_firstBin + peak + PeakOffset(peak + 1)) * _bpmPerBin;
                IsValid = true;
            }

            Updates++;
        }

        private void Track(float strongest)
        {
            int reach = _s.TrackStepBins;
            float best = float.MinValue;
            int global = 0;
            for (int b = 0; b < _bins; b++)
            {
                float m = float.MinValue;
                int lo = b - reach < 0 ? 0 : b - reach;
                int hi = b + reach >= _bins ? _bins - 1 : b + reach;
                for (int n = lo; n <= hi; n++)
                {
                    int d = n - b;
                    float v = _score[n] - _s.TrackStepCost * d * d;
                    if (v > m)
                    {
                        m = v;
                    }
                }

                float observed = strongest > 0 ? _evidence[b + 1] / strongest : 0;
                _nextScore[b] = _s.TrackMemory * m + (float)Math.Log(observed + _s.EvidenceFloor);
                if (_nextScore[b] > best)
                {
                    best = _nextScore[b];
                    global = b;
                }
            }

            for (int b = 0; b < _bins; b++)
            {
                _score[b] = _nextScore[b] - best;
            }

            int chosen = global;
            bool starts = true;
            bool held = false;
            if (!_tracking)
            {
                // One window can put the start on a motion line (the arm swing's second harmonic strongest, its half on
                // the swing itself) and the track would stay there: it starts only once successive windows agree.
                int fundamental = Fundamental(global);
                chosen = fundamental;
                starts = Vote(fundamental) >= _s.StartAgreementUpdates || ++_startUpdates >= _s.StartDeferralLimit;
                if (starts && fundamental != global)
                {
                    // A track starting on the pulse's harmonic would stay there: restart it at the fundamental.
                    for (int b = 0; b < _bins; b++)
                    {
                        float d = b - fundamental;
                        _score[b] = -0.5f * d * d;
                    }
                }
            }
            else
            {
                int previous = (int)(HeartRateBpm / _bpmPerBin - _firstBin + 0.5f);
                int lo = previous - _s.OutputNeighbourhoodBins;
                int hi = previous + _s.OutputNeighbourhoodBins;
                lo = lo < 0 ? 0 : lo;
                hi = hi >= _bins ? _bins - 1 : hi;
                if (lo <= hi)
                {
                    int local = lo;
                    for (int b = lo + 1; b <= hi; b++)
                    {
                        if (_score[b] > _score[local])
                        {
                            local = b;
                        }
                    }

                    // Scores are relative to the best (0): the global track must lead by the margin to take over, and
                    // not onto a motion line, where the arm swing's artefact leads while the pulse is on its harmonic.
                    bool onMotionLine = OnMotionLine(global, _s.MotionLineSwitchShare);
                    chosen = -_score[local] > _s.SwitchMargin && !onMotionLine ? global : local;
                }

                held = previous >= 0 && previous < _bins && _lineHeldUpdates < _s.MotionLineHoldUpdates
                    && OnMotionLine(previous, LineHoldShare);
            }

            // The track moves in whole bins and can rest one bin beside the spectrum's peak; the parabola is fitted
            // at that peak then, or the rate would stop at the bin's edge (±0.5 bin = ±2.9 bpm).
            int centre = chosen;
            if (chosen > 0 && _enhanced[chosen] > NeighbourPeakRatio * _enhanced[chosen + 1] && _enhanced[chosen] >= _enhanced[chosen - 1])
            {
                centre = chosen - 1;
            }
            else if (chosen < _bins - 1 && _enhanced[chosen + 2] > NeighbourPeakRatio * _enhanced[chosen + 1] && _enhanced[chosen + 2] >= _enhanced[chosen + 3])
            {
                centre = chosen + 1;
            }

            float rate = (_firstBin + centre + PeakOffset(centre + 1)) * _bpmPerBin;
            if (held)
            {
                // The pulse under a motion line is erased with the artefact: the rate moves no faster than a heart's.
                float limit = _s.MotionLineHoldBpmPerSecond * _s.UpdateSeconds;
                float move = rate - HeartRateBpm;
                rate = move > limit ? HeartRateBpm + limit : move < -limit ? HeartRateBpm - limit : rate;
                _lineHeldUpdates++;
            }
            else
            {
                _lineHeldUpdates = 0;
            }

            HeartRateBpm = rate;
            _pulseCheck.Judge(_enhanced, centre + 1, 1, _bins);
            IsValid = true;
            _tracking = starts;
            _trackedWhileMoving = true;
        }

        /// <summary>
        /// Counts a start candidate: returns how many successive updates, this one included, put it within
        /// <see cref="MotionHeartRateSettings.TrackStepBins"/> of the one before (the track's own reach per update).
        /// </summary>
        private int Vote(int candidate)
        {
            int d = candidate - _startCandidate;
            _startVotes = _startVotes > 0 && d <= _s.TrackStepBins && -d <= _s.TrackStepBins ? _startVotes + 1 : 1;
            _startCandidate = candidate;
            return _startVotes;
        }

        /// <summary>
        /// Adds to each bin a share of the evidence at twice its rate (the pulse wave's second harmonic is strong at
        /// the wrist), so the fundamental outranks its own harmonic. Returns the new strongest evidence.
        /// </summary>
        private float AddHarmonicSupport()
        {
            float strongest = 0;
            for (int k = 1; k <= _bins; k++)
            {
                int j = 2 * (_firstBin + k - 1) - _firstBin + 1;
                float h = 0;
                for (int n = j - 1; n <= j + 1; n++)
                {
                    if (n >= 1 && n <= _bins && _evidence[n] > h)
                    {
                        h = _evidence[n];
                    }
                }

                float e = _evidence[k] + _s.HarmonicSupport * h;
                _axisPower[k] = e;
                if (e > strongest)
                {
                    strongest = e;
                }
            }

            for (int k = 1; k <= _bins; k++)
            {
                _evidence[k] = _axisPower[k];
            }

            return strongest;
        }

        /// <summary>
        /// The bin at half the rate of <paramref name="bin"/> when the evidence there is at least a third of the bin's
        /// (the wave's second harmonic can outgrow the fundamental); otherwise <paramref name="bin"/>. Used only to
        /// start a track: once tracking, continuity decides.
        /// </summary>
        private int Fundamental(int bin)
        {
            // Half the refined rate, not of the bin's: a bin-wide search around a rounded half also took the slow
            // walk's step line below it (SP Cup 10: 105 -> 59 bpm against a true 128).
            float half = 0.5f * (_firstBin + bin + PeakOffset(bin + 1)) - _firstBin;
            float best = 0;
            int at = bin;
            for (int b = (int)(half - FundamentalReachBins); b <= half + FundamentalReachBins; b++)
            {
                float d = b - half;
                if (b >= 0 && b < _bins && d <= FundamentalReachBins && -d <= FundamentalReachBins && _evidence[b + 1] > best)
                {
                    best = _evidence[b + 1];
                    at = b;
                }
            }

            return best >= FundamentalShare * _evidence[bin + 1] ? at : bin;
        }

        /// <summary>
        /// Whether the accelerometer's spectrum at <paramref name="bin"/> is at least <paramref name="share"/> of its peak.
        /// Without any motion in the spectrum no bin is on a line (at a zero peak every bin would be).
        /// </summary>
        private bool OnMotionLine(int bin, float share)
        {
            return _motionPeak > 0 && _motion[bin + 1] >= share * _motionPeak;
        }

        /// <summary>
        /// The shown rate's bin counts as on the motion line, for the hold, when its motion spectrum is at least this share
        /// of the peak (SP Cup 0.8-0.95 alike; at 0.3-0.7, the switch guard's share, 02 and 04 lose 0.3 bpm each).
        /// </summary>
        private const float LineHoldShare = 0.9f;

        private const float FundamentalShare = 0.33f;

        /// <summary>
        /// A neighbouring bin is taken as the peak to refine at when its enhanced power is at least this many times the
        /// chosen bin's (1: SP Cup 1.95 bpm but the simulator's walk 2.92 → 2.95; 2: 2.08 and 2.92; 3: 2.13).
        /// </summary>
        private const float NeighbourPeakRatio = 2f;

        /// <summary>How far (bins) from half the refined rate a fundamental may lie (0.5-1.1 score alike on the SP Cup).</summary>
        private const float FundamentalReachBins = 0.75f;

        /// <summary>Vertex of the parabola through the log spectrum at bins k−1, k, k+1 (in bins, within ±0.5).</summary>
        private float PeakOffset(int k)
        {
            float y0 = (float)Math.Log(_enhanced[k - 1] + Tiny);
            float y1 = (float)Math.Log(_enhanced[k] + Tiny);
            float y2 = (float)Math.Log(_enhanced[k + 1] + Tiny);
            float curvature = y0 - 2 * y1 + y2;
            if (!(curvature < 0))
            {
                return 0;
            }

            float d = 0.5f * (y0 - y2) / curvature;
            return d > 0.5f ? 0.5f : d < -0.5f ? -0.5f : d;
        }

        /// <summary>Sum of the three axes' spectra, each scaled to its own peak (not below the floor).</summary>
        private void MotionSpectrum(int from, int to)
        {
            int extended = _accelPower.Length;
            // Each axis scaled to its own peak (not below the floor): x and y share one complex transform.
            Load(_ax, _horizontalSpectra.First);
            Load(_ay, _horizontalSpectra.Second);
            _horizontalSpectra.Compute(_accelPower, _axisPower, from, to);
            Normalise(_accelPower, _accelFloorPower);
            Normalise(_axisPower, _accelFloorPower);
            for (int k = 0; k < extended; k++)
            {
                _accelPower[k] += _axisPower[k];
            }

            Load(_az, _verticalSpectrum.Input);
            _verticalSpectrum.Compute(_axisPower, from, to);
            Normalise(_axisPower, _accelFloorPower);
            for (int k = 0; k < extended; k++)
            {
                _accelPower[k] += _axisPower[k];
            }
        }

        /// <summary>
        /// Windowed copy of the ring (oldest first) into a transform's input, zeros after it. The mean is not removed:
        /// the inputs are high-passed, and what is left of it stays in the lowest bins, below the band.
        /// </summary>
        private void Load(float[] ring, float[] input)
        {
            int length = _window;
            float[] window = _hann;
            int start = _written % length;
            int tail = length - start;
            for (int i = 0; i < tail; i++)
            {
                input[i] = ring[start + i] * window[i];
            }

            for (int i = tail; i < length; i++)
            {
                input[i] = ring[i - tail] * window[i];
            }

            for (int i = length; i < input.Length; i++)
            {
                input[i] = 0;
            }
        }

        /// <summary>Scales to the largest in-band value (never below <paramref name="floor"/>).</summary>
        private void Normalise(float[] power, float floor)
        {
            float peak = floor;
            for (int k = 1; k <= _bins; k++)
            {
                if (power[k] > peak)
                {
                    peak = power[k];
                }
            }

            float scale = 1f / peak;
            for (int k = 0; k < power.Length; k++)
            {
                power[k] *= scale;
            }
        }

        private static float[] Hann(int length)
        {
            var w = new float[length];
            for (int i = 0; i < length; i++)
            {
                w[i] = (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (length - 1)));
            }

            return w;
        }
    }
}
