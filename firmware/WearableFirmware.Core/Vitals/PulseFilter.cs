namespace WearableFirmware.Vitals
{
    /// <summary>
    /// The pulsatile (AC) part of one PPG channel: the tracked DC level is subtracted (which keeps the float
    /// arithmetic small), then a 4th-order band-pass (2nd-order Butterworth high-pass at the low corner, 2nd-order
    /// Butterworth low-pass at the high corner) keeps the pulse band, e.g. 0.5-5 Hz for 30-240 bpm plus the first
    /// harmonics, and drops baseline wander, respiration drift and high-frequency noise.
    /// </summary>
    public sealed class PulseFilter
    {
        private readonly DcTracker _dc;
        private readonly Biquad _bandPass;
        private float _ac;

        public PulseFilter(float sampleRateHz, float lowCornerHz, float highCornerHz, float dcTimeConstantSeconds)
        {
            _dc = new DcTracker(sampleRateHz, dcTimeConstantSeconds);
            _bandPass = Biquad.ButterworthBandPass(sampleRateHz, lowCornerHz, highCornerHz);
        }

        /// <summary>DC level of the raw channel (ADC counts).</summary>
        public float Dc
        {
            get { return _dc.Level; }
        }

        /// <summary>Last band-passed output (ADC counts, zero-mean).</summary>
        public float Ac
        {
            get { return _ac; }
        }

        /// <summary>Filters one raw sample and returns the band-passed value.</summary>
        public float Process(float raw)
        {
            // Centred on the DC level before this sample (so a single spike cannot cancel itself); per sample, so
            // two calls and no property in between.
            float ac = _bandPass.Process(raw - _dc.Track(raw));
            _ac = ac;
            return ac;
        }

        public void Reset()
        {
            _dc.Reset();
            _bandPass.Reset();
            _ac = 0;
        }
    }
}
