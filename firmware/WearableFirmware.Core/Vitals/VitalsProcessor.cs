namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Heart rate, RR intervals, SpO2, perfusion index, signal quality and contact from MAX3010x red and IR samples,
    /// one sample pair at a time, in bounded memory and without allocating after construction. Stages, each its own
    /// class: <see cref="ContactDetector"/> → <see cref="PulseFilterPair"/> (per channel DC tracking + band-pass) →
    /// <see cref="BeatDetector"/> on IR → per beat: <see cref="BeatWindow"/> statistics → <see cref="HeartRateEstimator"/>,
    /// <see cref="RrIntervalBuffer"/>, <see cref="SpO2Estimator"/>.
    /// <para>
    /// Timing with the defaults (100 sps), measured by the tests on a synthetic wearer through the MAX30102 model and
    /// driver drained every loop tick: contact is declared 0.25 s after skin covers the sensor and the filters then
    /// settle for 0.5 s; a beat is confirmed one refractory period after its systolic peak (the larger of 250 ms and
    /// 55 % of the median interval: 0.55 s at 60 bpm). Time to first reading: heart rate after 3 beats (2 intervals
    /// within 10 % and spanning 1.2 s, the pulse periodic at their interval), 3.5 s at 60 bpm and 2.5 s at 120 bpm
    /// from the start; SpO2 after 4 agreeing clean beat ratios, 5.8 s and 3.0 s. Split or missed beats while settling
    /// delay the first heart rate only until two clean intervals agree (the ring restarts from them). Output latency:
    /// a heart-rate step shows in full once the new rate holds the majority of the 8-interval ring (60→90 bpm: 4.3 s,
    /// 90→60 bpm: 5.7 s), an SpO2 step once the new ratio holds the majority of the 8-beat ring (97→85 % at 75 bpm:
    /// 4.1 s); losing contact invalidates every value within 0.1 s. The loop's once-a-second publication adds up to
    /// 1 s to all of these.
    /// </para>
    /// </summary>
    public sealed class VitalsProcessor
    {
        private readonly VitalsConfiguration _config;
        private readonly ContactDetector _contact;
        private readonly PulseFilterPair _filters;
        private readonly int[] _oneRed = new int[1];
        private readonly int[] _oneIr = new int[1];
        private readonly BeatDetector _detector;
        private readonly BeatWindow _window;
        private readonly PulseHistory _history;
        private readonly PulseEvidence _pulseEvidence;
        private readonly int _periodicityWindow;
        private readonly HeartRateEstimator _heartRate;
        private readonly SpO2Estimator _spo2;
        private readonly RrIntervalBuffer _rr = new RrIntervalBuffer(16);
        private readonly MotionHeartRateEstimator _motionRate;

        // The tick's accelerometer samples (the driver's arrays) and how many the motion estimator has taken.
        private int[] _tickX;
        private int[] _tickY;
        private int[] _tickZ;
        private float _tickGPerCount;
        private int _tickAccelCount;
        private int _tickAccelFed;
        private readonly int _settleSamples;
        private readonly int _timeoutSamples;
        private readonly int _spo2HoldSamples;
        private readonly float _msPerSample;
        private long _sampleCount;
        private int _settleRemaining;
        private bool _hasPreviousBeat;
        private long _previousBeatSample;
        private float _previousBeatFraction;
        private long _lastBeatSample;
        private long _lastCleanBeatSample;
        private bool _hasCleanBeat;
        private float _perfusionPercent;
        private bool _hasPerfusion;
        private float _cleanBeatShare;
        private int _beatCount;
        private long _contactSinceSample;
        private long _detectorStartSample = -1;
        private bool _periodic;
        private bool _rateEstablished;
        private int _intervalsSinceBridge;

        public VitalsProcessor(VitalsConfiguration configuration)
        {
            configuration.Validate();
            _config = configuration;
            int fs = configuration.SampleRateHz;
            _contact = new ContactDetector(configuration.ContactThresholdCounts,
                Samples(configuration.ContactOnSeconds, fs), Samples(configuration.ContactOffSeconds, fs));
            _filters = new PulseFilterPair(fs, configuration.LowCornerHz, configuration.HighCornerHz, configuration.DcTimeConstantSeconds);
            _detector = new BeatDetector(fs, configuration.MaximumHeartRateBpm, configuration.BeatThresholdFraction,
                configuration.BeatEnvelopeTimeConstantSeconds);
            _heartRate = new HeartRateEstimator(configuration.HeartRateIntervals, configuration.IntervalTolerance,
                configuration.MinimumHeartRateIntervals, configuration.MinimumHeartRateBpm, configuration.MaximumHeartRateBpm);
            _heartRate.EarlyTolerance = configuration.EarlyIntervalTolerance;
            _heartRate.EarlyMinimumSpanMs = 1000f * configuration.EarlyMinimumSpanSeconds;
            _spo2 = new SpO2Estimator(configuration.SpO2Beats, configuration.MinimumSpO2Beats, configuration.Calibration);
            // Room for two of the longest intervals; a longer window (a missed beat or more) falls back to raw extremes.
            _window = new BeatWindow((int)(2 * 60f / configuration.MinimumHeartRateBpm * fs) + 1);
            // The longest interval compared with the one before it (the window is at least as long as the lag).
            _periodicityWindow = Samples(configuration.PeriodicityWindowSeconds, fs);
            int longest = (int)(60f / configuration.MinimumHeartRateBpm * fs) + 1;
            _history = new PulseHistory(longest + (longest > _periodicityWindow ? longest : _periodicityWindow));
            _pulseEvidence = new PulseEvidence(_history, _periodicityWindow);
            _settleSamples = Samples(configuration.SettleSeconds, fs);
            _timeoutSamples = Samples(configuration.BeatTimeoutSeconds, fs);
            _spo2HoldSamples = Samples(configuration.SpO2HoldSeconds, fs);
            _msPerSample = 1000f / fs;
            _motionRate = new MotionHeartRateEstimator(fs, configuration.AccelerometerRateHz, configuration.MotionHeartRate);
            // At rest until the loop says otherwise (WearerMoving forwards changes only).
            _motionRate.Active = false;
        }

        /// <summary>
        /// A duration in whole samples, rounded to the nearest: truncating would shorten it by up to a sample period
        /// (0.25 s of contact at 50 sps would be 0.24 s, before a finger's press had settled on a recorded start).
        /// </summary>
        private static int Samples(float seconds, int sampleRateHz)
        {
            return (int)(seconds * sampleRateHz + 0.5f);
        }

        public VitalsConfiguration Configuration
        {
            get { return _config; }
        }

        /// <summary>Set by the loop from the accelerometer: the wearer is moving, so readings are questionable.</summary>
        public bool WearerMoving
        {
            get { return _motion; }
            set
            {
                if (value == _motion)
                {
                    return;
                }

                _motion = value;
                // At rest the beats give the rate: the spectral estimator only keeps its samples.
                _motionRate.Active = value;
            }
        }

        private bool _motion;

        /// <summary>
        /// Set by the loop from the accelerometer while the wearer walks or runs: steps per minute (0 = none). Each
        /// step and arm swing moves blood and the sensor's seat, and that artefact can outweigh the pulse: a rate at
        /// the step rate, or at half or twice it, is then withheld (see <see cref="CadenceLockTolerance"/>).
        /// </summary>
        public float MotionCadenceBpm { get; set; }

        /// <summary>A pulse rate within this fraction of the step rate (or half or twice it) counts as the artefact's.</summary>
        public const float CadenceLockTolerance = 0.06f;

        /// <summary>
        /// The motion-robust estimator: the pulse's spectrum with the accelerometer as the artefact's reference. Its
        /// rate is reported while <see cref="WearerMoving"/> is set; at rest the beats give the rate and anchor its track.
        /// </summary>
        public MotionHeartRateEstimator MotionHeartRate
        {
            get { return _motionRate; }
        }

        /// <summary>
        /// Takes one accelerometer sample (g, gravity included) at <see cref="VitalsConfiguration.AccelerometerRateHz"/>,
        /// after any of the tick's <see cref="AddAccelerations"/> not yet taken.
        /// </summary>
        public void AddAcceleration(float x, float y, float z)
        {
            FeedAccelerations(_tickAccelCount);
            _motionRate.AddAcceleration(x, y, z);
        }

        /// <summary>
        /// Takes the first <paramref name="count"/> accelerometer samples of the arrays (raw counts, <paramref name="gPerCount"/>
        /// g each): a loop tick's, handed over before the tick's PPG samples. The motion estimator gets them interleaved
        /// with the next <see cref="AddSamples"/> call's pulse samples in time order (each chip's samples spread evenly
        /// over the tick), so what it pairs does not depend on the tick's length; the arrays must stay unchanged until
        /// that call returns.
        /// </summary>
        public void AddAccelerations(int[] x, int[] y, int[] z, int count, float gPerCount)
        {
            // The last tick's accelerations are all taken unless an exception ended its AddSamples (the loop drops the
            // rest of a faulting tick); the driver has refilled these arrays since, so any left are dropped, not fed.
            _tickX = x;
            _tickY = y;
            _tickZ = z;
            _tickGPerCount = gPerCount;
            _tickAccelCount = count;
            _tickAccelFed = 0;
        }

        /// <summary>Feeds the tick's accelerometer samples before index <paramref name="until"/> to the motion estimator.</summary>
        private void FeedAccelerations(int until)
        {
            if (until <= _tickAccelFed)
            {
                return;
            }

            MotionHeartRateEstimator motionRate = _motionRate;
            int[] x = _tickX;
            int[] y = _tickY;
            int[] z = _tickZ;
            float g = _tickGPerCount;
            for (int j = _tickAccelFed; j < until; j++)
            {
                motionRate.AddAcceleration(x[j] * g, y[j] * g, z[j] * g);
            }

            _tickAccelFed = until;
        }

        /// <summary>Set by the loop from the sensor's ambient-light-overflow flag.</summary>
        public bool AmbientLightOverflow { get; set; }

        /// <summary>Sample pairs taken since start.</summary>
        public long SampleCount
        {
            get { return _sampleCount; }
        }

        /// <summary>Beats confirmed since start.</summary>
        public int BeatCount
        {
            get { return _beatCount; }
        }

        /// <summary>Sample index (0-based) of the last confirmed beat's systolic peak, refined by <see cref="LastBeatFraction"/>.</summary>
        public long LastBeatSample
        {
            get { return _lastBeatSample; }
        }

        /// <summary>Sub-sample offset of the last beat's peak (samples).</summary>
        public float LastBeatFraction { get; private set; }

        /// <summary>Last band-passed IR value, oriented so systole is positive (for plots).</summary>
        public float PulseSignal
        {
            get { return _pulseSignal; }
        }

        private float _pulseSignal;

        /// <summary>RR intervals not yet published (1/1024 s); the HRM notification takes them.</summary>
        public RrIntervalBuffer RrIntervals
        {
            get { return _rr; }
        }

        /// <summary>Takes one red and IR sample pair (raw ADC counts, at the configured rate).</summary>
        public void AddSample(int red, int ir)
        {
            _oneRed[0] = red;
            _oneIr[0] = ir;
            AddSamples(_oneRed, _oneIr, 1);
        }

        /// <summary>
        /// Takes the first <paramref name="count"/> red and IR sample pairs of the arrays, in order, with the results of
        /// as many <see cref="AddSample"/> calls: the loop hands over a tick's samples at once, and the filters run over
        /// the samples that keep contact as one block (<see cref="PulseFilterPair"/>). A sample that makes or ends
        /// contact bounds a block, so the filters restart exactly where sample by sample they would.
        /// </summary>
        public void AddSamples(int[] red, int[] ir, int count)
        {
            PulseFilterPair filters = _filters;
            float[] redAc = filters.RedAc;
            float[] irAc = filters.IrAc;
            BeatWindow window = _window;
            PulseHistory history = _history;
            BeatDetector detector = _detector;
            MotionHeartRateEstimator motionRate = _motionRate;

            // The tick's accelerometer sample a goes in before pulse sample due(a), the first i with (i + 1) / count
            // at or after (a + 1) / accelerations: due(a) = ((a + 1) count - 1) / accelerations. Stepped per
            // acceleration as that quotient and its remainder (no division, no call); past the last one it is at
            // least count, so it is never reached.
            int accelerations = _tickAccelCount;
            int fed = _tickAccelFed;
            int[] tickX = _tickX;
            int[] tickY = _tickY;
            int[] tickZ = _tickZ;
            float gPerCount = _tickGPerCount;
            int due = int.MaxValue;
            int dueRemainder = 0;
            int dueStep = 0;
            int remainderStep = 0;
            if (fed < accelerations && count > 0)
            {
                long numerator = (long)(fed + 1) * count - 1;
                due = (int)(numerator / accelerations);
                dueRemainder = (int)(numerator % accelerations);
                dueStep = count / accelerations;
                remainderStep = count % accelerations;
            }

            int i = 0;
            while (i < count)
            {
                int start = i;
                if (_contact.State != SensorContact.Contact)
                {
                    // Without contact one sample at a time; the one that makes contact starts the signal path and a block.
                    if (_contact.Process(ir[i]) != SensorContact.Contact)
                    {
                        _sampleCount++;
                        i++;
                        continue;
                    }

                    StartSignal(_sampleCount);
                    i++;
                }

                // Contact's state runs ahead of the rest over the block: nothing else reads or changes it per sample.
                int end = count - start > PulseFilterPair.Capacity ? start + PulseFilterPair.Capacity : count;
                i = _contact.KeepsContactUntil(ir, i, end);
                bool lost = i < end;
                int n = i - start;
                filters.Process(red, ir, start, n);
                // Nothing below reads the sample count; per sample only the index is needed.
                long first = _sampleCount;
                _sampleCount = first + n;
                int k = 0;
                if (_settleRemaining > 0)
                {
                    // The filters settle: these samples go no further.
                    k = _settleRemaining < n ? _settleRemaining : n;
                    _settleRemaining -= k;
                }

                if (k < n)
                {
                    if (_detectorStartSample < 0)
                    {
                        _detectorStartSample = first + k;
                    }

                    // The fixed beat timeout is the lower bound of TimeoutSamples(): checked first, as an index into the block.
                    int timeoutAfter = _hasPreviousBeat ? InBlock(_lastBeatSample + _timeoutSamples, first) : int.MaxValue;
                    float pulse = 0;

                    // The beat window and the pulse history are read only by a beat: they take the samples up to it
                    // in a block copy then, and the rest after the loop, instead of a call each per sample (the history
                    // the IR itself: its correlations are the negated pulse's).
                    int stored = k;
                    for (; k < n; k++)
                    {
                        // Blood absorbs: ADC counts fall as the pulse arrives, so systole is a peak of the negated signal.
                        float irValue = irAc[k];
                        float redValue = redAc[k];
                        pulse = -irValue;
                        if (start + k >= due)
                        {
                            // The tick's accelerations up to this pulse sample's time first.
                            do
                            {
                                motionRate.AddAcceleration(tickX[fed] * gPerCount, tickY[fed] * gPerCount, tickZ[fed] * gPerCount);
                                fed++;
                                due += dueStep;
                                dueRemainder += remainderStep;
                                if (dueRemainder >= accelerations)
                                {
                                    dueRemainder -= accelerations;
                                    due++;
                                }
                            }
                            while (start + k >= due);
                        }

                        motionRate.AddPulse(pulse, -redValue);
                        if (detector.Process(pulse))
                        {
                            window.Add(redAc, irAc, stored, k + 1);
                            history.Add(irAc, stored, k + 1);
                            stored = k + 1;
                            OnBeat(filters.RedDcAfter(k), filters.IrDcAfter(k));
                            timeoutAfter = InBlock(_lastBeatSample + _timeoutSamples, first);
                        }

                        if (k > timeoutAfter && first + k - _lastBeatSample > TimeoutSamples())
                        {
                            // No pulse for too long: old intervals no longer describe the present.
                            _heartRate.Reset();
                            FollowBeatInterval();
                            _periodic = false;
                            _rateEstablished = false;
                            _spo2.Reset();
                            _hasPreviousBeat = false;
                            _hasPerfusion = false;
                            _pulseEvidence.Reset(false);
                            timeoutAfter = int.MaxValue;
                        }
                    }

                    window.Add(redAc, irAc, stored, n);
                    history.Add(irAc, stored, n);
                    _pulseSignal = pulse;
                }

                if (lost)
                {
                    // This sample ended contact.
                    _sampleCount++;
                    ForgetSignal();
                    i++;
                }
            }

            _tickAccelFed = fed;
            FeedAccelerations(accelerations);
        }

        /// <summary>
        /// Sample <paramref name="index"/> as an index into the block that starts at sample <paramref name="first"/>, for
        /// comparing with the block's indices: clamped to -1 before it and int.MaxValue far after (a block is short).
        /// </summary>
        private static int InBlock(long index, long first)
        {
            long k = index - first;
            return k < -1 ? -1 : k > int.MaxValue ? int.MaxValue : (int)k;
        }

        /// <summary>New contact: the signal path starts from the sample at <paramref name="index"/> and its level.</summary>
        private void StartSignal(long index)
        {
            _filters.Reset();
            _detector.Reset();
            FollowBeatInterval();
            _detectorStartSample = -1;
            _settleRemaining = _settleSamples;
            _contactSinceSample = index;
            _motionRate.ResetPulse();
        }

        /// <summary>
        /// The current values, as a copy (for tests and tools). The firmware's loop uses <see cref="Read"/>: on nanoCLR a
        /// struct is a heap object and each copy of this one allocates about 300 bytes.
        /// </summary>
        public VitalsReading Reading
        {
            get
            {
                VitalsReading r = new VitalsReading();
                Read(ref r);
                return r;
            }
        }

        /// <summary>Sensor contact as the reading reports it.</summary>
        public SensorContact Contact
        {
            get { return _contact.State; }
        }

        /// <summary>Writes the current values into <paramref name="r"/> in place (no copy, no allocation on either runtime).</summary>
        public void Read(ref VitalsReading r)
        {
            r = new VitalsReading();
            long now = _sampleCount > 0 ? _sampleCount - 1 : 0;
            r.TimestampMs = now * 1000 / _config.SampleRateHz;
            r.Contact = _contact.State;
            r.MotionQuestionable = WearerMoving;
            r.AmbientLightOverflow = AmbientLightOverflow;
            r.BeatCount = _beatCount;
            r.Quality = CurrentQuality(now);
            bool spectral = WearerMoving && MotionRateReady() && (r.Quality & SignalQuality.Inadequate) == 0;
            if (spectral && !_motionRate.Tracker.PulseCheck.IsPulse)
            {
                // Moving, and the spectrum has shown no pulse for a while: the track follows leftover noise; the beats
                // cannot be trusted either while moving.
                r.Quality = SignalQuality.NonPulsatile;
                spectral = false;
            }

            bool usable = (r.Quality & (SignalQuality.Inadequate | SignalQuality.NonPulsatile)) == 0;
            if (spectral)
            {
                // Moving: beats are not trusted (they follow the arm as readily as the heart); the spectrum is.
                r.HeartRateValid = true;
                r.HeartRateBpm = _motionRate.HeartRateBpm;
                r.HeartRateFromSpectrum = true;
            }
            else if (usable && HeartRateMeasured())
            {
                if (LockedToCadence(_heartRate.HeartRateBpm))
                {
                    r.Quality |= SignalQuality.Poor;
                }
                else
                {
                    r.HeartRateValid = true;
                    r.HeartRateBpm = _heartRate.HeartRateBpm;
                }
            }

            if (usable && _hasPerfusion)
            {
                r.PerfusionIndexValid = true;
                r.PerfusionIndexPercent = _perfusionPercent;
            }

            if (r.Quality == SignalQuality.Good && !WearerMoving && _spo2.IsValid && _hasCleanBeat
                && now - _lastCleanBeatSample <= _spo2HoldSamples)
            {
                r.SpO2Valid = true;
                r.SpO2Percent = _spo2.SpO2Percent;
            }
        }

        /// <summary>
        /// Movement the beats survive (standing, shifting, typing; the SP Cup wearers read 0.1-0.3 g rms at rest on
        /// the treadmill, 1-2 g running): a spectral track without an anchor takes the beat rate as its start.
        /// </summary>
        private bool LightMotion()
        {
            return _motionRate.MotionLevelG < LightMotionG;
        }

        /// <summary>Acceleration (rms, gravity removed) below which movement counts as light; see <see cref="LightMotion"/>.</summary>
        public const float LightMotionG = 0.4f;

        /// <summary>The spectral track has an estimate it can stand by: anchored at rest, or three updates of its own.</summary>
        private bool MotionRateReady()
        {
            SpectralHeartRateTracker t = _motionRate.Tracker;
            return t.IsValid && (t.Anchored || t.Updates >= 1);
        }

        private bool LockedToCadence(float bpm)
        {
            float cadence = MotionCadenceBpm;
            if (!WearerMoving || !(cadence > 0))
            {
                return false;
            }

            return Near(bpm, cadence) || Near(bpm, 0.5f * cadence) || Near(bpm, 2f * cadence);
        }

        private static bool Near(float bpm, float rhythm)
        {
            float d = bpm - rhythm;
            float limit = CadenceLockTolerance * rhythm;
            return d <= limit && d >= -limit;
        }

        /// <summary>Averaged ratio of ratios behind the SpO2 value (for calibration and diagnostics).</summary>
        public float SpO2Ratio
        {
            get { return _spo2.Ratio; }
        }

        /// <summary>Clean beats in the SpO2 ring, and of those the ones that agree (why a short record has no SpO2).</summary>
        public int SpO2Beats
        {
            get { return _spo2.Count; }
        }

        public int SpO2AgreeingBeats
        {
            get { return _spo2.AcceptedCount; }
        }

        /// <summary>Starts over as after construction (settings kept).</summary>
        public void Reset()
        {
            _contact.Reset();
            _filters.Reset();
            ForgetSignal();
            _sampleCount = 0;
            _beatCount = 0;
            _rr.Clear();
            _tickAccelCount = 0;
            _tickAccelFed = 0;
            _motionRate.Reset();
        }

        /// <summary>A beat was confirmed at the current sample, after which the DC levels are <paramref name="dcRed"/> and <paramref name="dcIr"/>.</summary>
        private void OnBeat(float dcRed, float dcIr)
        {
            _beatCount++;
            long beatSample = _detectorStartSample + _detector.LastBeatSample;
            float fraction = _detector.LastBeatFraction;
            _lastBeatSample = beatSample;
            LastBeatFraction = fraction;
            if (_hasPreviousBeat)
            {
                float intervalMs = ((beatSample - _previousBeatSample) + (fraction - _previousBeatFraction)) * _msPerSample;
                bool bridged = BridgesMissedBeat(intervalMs);
                if (bridged)
                {
                    // Counted as the two intervals it spans; not an RR interval anyone measured.
                    _heartRate.AddInterval(0.5f * intervalMs);
                    _heartRate.AddInterval(0.5f * intervalMs);
                }

                bool accepted = !bridged && _heartRate.AddInterval(intervalMs);
                // Read only at start-up (HeartRateMeasured): past it the correlation, the costliest step of a beat, is skipped.
                _periodic = InStartup() && PeriodicAt(_heartRate.MedianIntervalMs);
                EstablishRate();
                if (accepted && !WearerMoving)
                {
                    // Moving, a detected beat may be the arm's: the phone gets the rate without intervals.
                    _rr.Add(intervalMs);
                }

                // At rest the beats anchor the spectral track; a track that has none yet also takes them in light motion.
                bool anchorable = !WearerMoving || (_config.MotionHeartRate.AnchorInLightMotion && !_motionRate.Tracker.Anchored && LightMotion());
                if (anchorable && HeartRateMeasured() && !_heartRate.IsEarly && !_heartRate.IsErratic && _pulseEvidence.IsPulse)
                {
                    _motionRate.Anchor(_heartRate.HeartRateBpm);
                }

                float correlation = _window.Correlation;
                bool clean = accepted && correlation >= _config.MinimumBeatCorrelation && dcRed > 0 && dcIr > 0;
                if (dcIr > 0)
                {
                    float perfusion = 100f * _window.IrPeakToPeak / dcIr;
                    _perfusionPercent = _hasPerfusion ? _perfusionPercent + 0.25f * (perfusion - _perfusionPercent) : perfusion;
                    _hasPerfusion = true;
                }

                _cleanBeatShare += 0.25f * ((clean ? 1f : 0f) - _cleanBeatShare);
                _pulseEvidence.AddBeat(_window.SlopeCorrelation, _heartRate.MedianIntervalMs / _msPerSample);
                if (clean && !WearerMoving && _pulseEvidence.IsPulse)
                {
                    _spo2.AddBeat(_window.AcRatio * dcIr / dcRed);
                    _lastCleanBeatSample = beatSample;
                    _hasCleanBeat = true;
                }
            }
            else
            {
                _cleanBeatShare = 1f;
            }

            _previousBeatSample = beatSample;
            _previousBeatFraction = fraction;
            _hasPreviousBeat = true;
            _window.Clear();
            FollowBeatInterval();
        }

        /// <summary>
        /// The detector's refractory period follows the median interval. It changes only with the interval ring (a beat,
        /// a timeout, a reset), so the detector is told then rather than every sample.
        /// </summary>
        private void FollowBeatInterval()
        {
            _detector.SetExpectedInterval(_heartRate.Count >= 2 ? _heartRate.MedianIntervalMs / _msPerSample : 0);
        }

        /// <summary>
        /// One beat the detector missed (movement, a weak pulse) leaves an interval of twice the rate's: with a rate
        /// established on a regular ring (at most two intervals off the median) and at most one such interval per
        /// ring (HeartRateIntervals), it counts as the two intervals it spans. A second one within the ring is taken
        /// as it is, so a rate that really halves (a 2:1 heart block, a pause that repeats) still takes over the ring
        /// instead of being bridged away, and an irregular rhythm is never evened out by it.
        /// </summary>
        private bool BridgesMissedBeat(float intervalMs)
        {
            if (_intervalsSinceBridge < _config.HeartRateIntervals)
            {
                _intervalsSinceBridge++;
                return false;
            }

            // Twice the median within the 8-interval ring's beat-to-beat spread at rest (±7.5 %).
            float median = _heartRate.MedianIntervalMs;
            bool regular = _heartRate.IsValid && !_heartRate.IsEarly && _heartRate.AcceptedCount + 2 >= _heartRate.Count;
            if (_rateEstablished && regular && intervalMs > 1.85f * median && intervalMs < 2.15f * median)
            {
                _intervalsSinceBridge = 0;
                return true;
            }

            return false;
        }

        /// <summary>
        /// Split and missed beats (settling filters, movement) can hold the ring below a majority for several beats
        /// after the pulse is clean again. When the latest intervals agree within the early tolerance and the pulse
        /// repeats itself at their interval, the ring restarts from them: at start-up from two (an early estimate),
        /// once a rate has been reported from three (RecoveryIntervals), so an irregular rhythm, where three
        /// agreeing intervals in a row are rare, stays erratic.
        /// </summary>
        private void EstablishRate()
        {
            int n = _rateEstablished ? _config.RecoveryIntervals : 2;
            if (n > 0 && !HeartRateMeasured() && _heartRate.Count > n && _heartRate.LatestAgree(n)
                && PeriodicAt(_heartRate.LatestMeanMs(n)))
            {
                _heartRate.RestartFromLatest(n);
                _periodic = true;
            }

            if (HeartRateMeasured())
            {
                _rateEstablished = true;
            }
        }

        /// <summary>
        /// The estimator's rate, and during start-up (early estimate, or fewer than StartupCheckIntervals intervals,
        /// too few to outvote split beats) only while the pulse repeats itself at the median interval.
        /// </summary>
        private bool HeartRateMeasured()
        {
            return _heartRate.IsValid && (_periodic || !InStartup());
        }

        /// <summary>
        /// Early estimate, or fewer than StartupCheckIntervals intervals. It changes only where an interval is added (a
        /// beat, which then decides <see cref="_periodic"/>) or the ring is reset or restarted (which set it themselves).
        /// </summary>
        private bool InStartup()
        {
            return _heartRate.IsEarly || _heartRate.Count < _config.StartupCheckIntervals;
        }

        /// <summary>True when the pulse over the last interval (or window) resembles the same span one interval earlier.</summary>
        private bool PeriodicAt(float intervalMs)
        {
            int lag = (int)(intervalMs / _msPerSample + 0.5f);
            int length = lag > _periodicityWindow ? lag : _periodicityWindow;
            float r = _history.Correlation(lag, length);
            return r >= _config.StartupMinimumCorrelation;
        }

        private SignalQuality CurrentQuality(long now)
        {
            if (_contact.State != SensorContact.Contact || AmbientLightOverflow || _settleRemaining > 0)
            {
                return SignalQuality.Inadequate;
            }

            if (!_hasPreviousBeat || now - _lastBeatSample > TimeoutSamples())
            {
                // Settled with contact, yet no pulse (yet, or any more).
                return _hasPreviousBeat || now - _contactSinceSample > _timeoutSamples ? SignalQuality.NonPulsatile : SignalQuality.Inadequate;
            }

            if (!_pulseEvidence.IsPulse)
            {
                // Beats, but from noise: the detector's threshold has sunk to it (no pulse under the sensor).
                return SignalQuality.NonPulsatile;
            }

            SignalQuality q = SignalQuality.Good;
            if (_hasPerfusion && _perfusionPercent < _config.LowPerfusionPercent)
            {
                q |= SignalQuality.LowPerfusion;
            }

            if (_heartRate.IsErratic)
            {
                q |= SignalQuality.Erratic;
            }

            if (_cleanBeatShare < 0.5f)
            {
                q |= SignalQuality.Poor;
            }

            return q;
        }

        private long TimeoutSamples()
        {
            long relative = (long)(2f * _heartRate.MedianIntervalMs / _msPerSample);
            return relative > _timeoutSamples ? relative : _timeoutSamples;
        }

        private void ForgetSignal()
        {
            _detector.Reset();
            _detectorStartSample = -1;
            _window.Reset();
            _history.Clear();
            _periodic = false;
            _rateEstablished = false;
            _heartRate.Reset();
            FollowBeatInterval();
            _spo2.Reset();
            _hasPreviousBeat = false;
            _hasCleanBeat = false;
            _hasPerfusion = false;
            _pulseEvidence.Reset(true);
            _settleRemaining = 0;
            _pulseSignal = 0;
            _motionRate.ResetPulse();
        }
    }
}
