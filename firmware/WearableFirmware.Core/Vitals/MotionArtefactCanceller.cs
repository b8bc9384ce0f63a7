namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Adaptive cancellation of the motion artefact (normalised LMS): the part of the pulse signal that a short FIR
    /// filter of the three accelerometer axes predicts is movement (the sensor's seat and the blood under it move
    /// with the arm), so it is subtracted; the filter adapts to each wearer and strap. The heart beat does not
    /// correlate with the acceleration and stays in the residual. No allocation after construction.
    /// </summary>
    public sealed class MotionArtefactCanceller
    {
        private const int Axes = 3;
        private readonly int _taps;
        private readonly float _step;
        private readonly float _regularisation;
        private readonly float[] _weights;

        // The recent samples, x y z interleaved, twice over (positions p and p + taps), so the newest `taps` of all
        // three axes are one contiguous run and each update is a single loop.
        private readonly float[] _history;
        private int _position;

        /// <param name="taps">Filter length per axis (samples).</param>
        /// <param name="step">NLMS step size (0..1).</param>
        /// <param name="regularisation">Added to the reference energy (g²): below it the filter barely adapts (rest).</param>
        public MotionArtefactCanceller(int taps, float step, float regularisation)
        {
            _taps = taps;
            _step = step;
            _regularisation = regularisation;
            _weights = new float[Axes * taps];
            _history = new float[Axes * 2 * taps];
        }

        /// <summary>Takes one pulse sample and the acceleration (g, gravity removed) of the same instant; returns the pulse with the predicted artefact removed.</summary>
        public float Process(float pulse, float ax, float ay, float az)
        {
            _position = _position == 0 ? _taps - 1 : _position - 1;
            float[] history = _history;
            float[] weights = _weights;
            int start = Axes * _position;
            int copy = start + Axes * _taps;
            history[start] = ax;
            history[start + 1] = ay;
            history[start + 2] = az;
            history[copy] = ax;
            history[copy + 1] = ay;
            history[copy + 2] = az;

            int n = weights.Length;
            float predicted = 0;
            float energy = _regularisation;
            for (int k = 0; k < n; k++)
            {
                float v = history[start + k];
                predicted += weights[k] * v;
                energy += v * v;
            }

            float error = pulse - predicted;
            float gain = _step * error / energy;
            for (int k = 0; k < n; k++)
            {
                weights[k] += gain * history[start + k];
            }

            return error;
        }

        public void Reset()
        {
            for (int i = 0; i < _weights.Length; i++)
            {
                _weights[i] = 0;
            }

            for (int i = 0; i < _history.Length; i++)
            {
                _history[i] = 0;
            }

            _position = 0;
        }
    }
}
