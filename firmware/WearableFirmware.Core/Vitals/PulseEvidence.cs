namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Whether the detected beats are a pulse at all. The beat detector's threshold follows an envelope that decays
    /// between beats, so on skin without a pulse (an occluded finger, a non-perfused surface) it sinks to the sensor
    /// noise within seconds and finds peaks in it about one refractory period apart: regular enough for a rate
    /// (180 bpm). Their amplitude does not give them away: such peaks read a perfusion index of 0.01-0.3 % with the
    /// sensor's noise and the breathing sway, where a weak pulse reads 0.1 %. Their shape does. Each beat scores how
    /// much it looks like a pulse: the correlation of red's and IR's slopes over the beat (blood steepens both lights
    /// together; independent noise in each does not, and a slow sway common to both has small slopes), and, when that
    /// is below <see cref="MinimumScore"/> (a weak pulse whose red is mostly noise), how much more the pulse resembles
    /// itself one interval earlier than half an interval earlier (a pulse repeats at its interval and is out of phase
    /// at half of it; noise does neither, and a sway slow against the interval resembles itself at both lags). The
    /// scores' running means over about 4 and about 8 beats (plain means of the first ones after a reset, then weights
    /// 1/4 and 1/8 per beat) must both stay at least <see cref="MinimumScore"/>: the short one drops within three or
    /// four beats once the pulse is gone; the long one keeps noise out, whose scores can run high for a few beats
    /// (the detector spaces its peaks about one refractory period apart, so noise partly repeats at their interval;
    /// by hand, white noise took the 4-beat mean to 0.54 and the 8-beat one to 0.44 at most in 5 minutes). The repetition is computed only for beats whose lights disagree, so at most a few
    /// correlations a second and none while the pulse is clear.
    /// </summary>
    public sealed class PulseEvidence
    {
        /// <summary>Lowest running mean of the beats' scores that still counts as a pulse.</summary>
        public const float MinimumScore = 0.5f;

        private const int ShortAverageBeats = 4;
        private const int LongAverageBeats = 8;
        private readonly PulseHistory _history;
        private readonly int _minimumWindow;
        private float _shortMean = 1f;
        private float _longMean = 1f;
        private int _scored;

        /// <param name="history">The band-passed pulse, every sample.</param>
        /// <param name="minimumWindowSamples">Shortest span compared one interval apart (the start-up check's window).</param>
        public PulseEvidence(PulseHistory history, int minimumWindowSamples)
        {
            _history = history;
            _minimumWindow = minimumWindowSamples;
        }

        /// <summary>True while the recent beats look like a pulse.</summary>
        public bool IsPulse
        {
            get { return _shortMean >= MinimumScore && _longMean >= MinimumScore; }
        }

        /// <summary>Scores one beat that ends an interval.</summary>
        /// <param name="slopeCorrelation">Correlation of red's and IR's slopes over the beat (<see cref="BeatWindow.SlopeCorrelation"/>).</param>
        /// <param name="intervalSamples">The median beat interval in samples (0 when there is none).</param>
        public void AddBeat(float slopeCorrelation, float intervalSamples)
        {
            float score = slopeCorrelation;
            if (score < MinimumScore)
            {
                float repetition = Repetition(intervalSamples);
                if (repetition > score)
                {
                    score = repetition;
                }
            }

            if (_scored < LongAverageBeats)
            {
                _scored++;
            }

            _shortMean += (score - _shortMean) / (_scored < ShortAverageBeats ? _scored : ShortAverageBeats);
            _longMean += (score - _longMean) / _scored;
        }

        /// <summary>
        /// Starts over. On new contact a pulse is presumed until the first beat is scored (the readings' start-up
        /// checks apply as before); after the beat time-out it is not, so beats that follow a pause must show the
        /// pulse before anything is reported again.
        /// </summary>
        public void Reset(bool presumePulse)
        {
            // Not presumed, the pause counts as one beat that scored 0: a leading beat alone clears the mean only with a perfect score.
            _shortMean = presumePulse ? 1f : 0f;
            _longMean = _shortMean;
            _scored = presumePulse ? 0 : 1;
        }

        // Correlation one interval earlier minus half the correlation half an interval earlier, at most 1; a
        // correlation that cannot be taken (too little history, a flat span) counts as 0.
        private float Repetition(float intervalSamples)
        {
            int lag = (int)(intervalSamples + 0.5f);
            int length = lag > _minimumWindow ? lag : _minimumWindow;
            float atInterval = OrZero(_history.Correlation(lag, length));
            float atHalf = OrZero(_history.Correlation(lag / 2, length));
            float repetition = atInterval - 0.5f * atHalf;
            return repetition > 1f ? 1f : repetition;
        }

        private static float OrZero(float correlation)
        {
            return float.IsNaN(correlation) ? 0f : correlation;
        }
    }
}
