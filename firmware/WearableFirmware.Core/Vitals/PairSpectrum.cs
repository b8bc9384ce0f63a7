namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Power spectra of two real sequences of <see cref="Size"/> samples through ONE <see cref="ComplexFft"/>: the
    /// first as the real part, the second as the imaginary part, separated by symmetry
    /// (A[k] = (Z[k] + Z*[N−k]) / 2, B[k] = (Z[k] − Z*[N−k]) / 2i). Half the work of two transforms; no allocation per call.
    /// </summary>
    public sealed class PairSpectrum
    {
        private readonly ComplexFft _fft;

        /// <param name="size">Samples per transform: a power of two, at least 4.</param>
        public PairSpectrum(int size)
        {
            _fft = new ComplexFft(size);
        }

        public int Size
        {
            get { return _fft.Size; }
        }

        /// <summary>The first sequence; the caller fills it (zeros beyond the data pad it).</summary>
        public float[] First
        {
            get { return _fft.InputReal; }
        }

        /// <summary>The second sequence.</summary>
        public float[] Second
        {
            get { return _fft.InputImaginary; }
        }

        /// <summary>
        /// Writes |A[k]|² and |B[k]|² for k = <paramref name="firstBin"/> .. <paramref name="lastBin"/> (at most Size / 2)
        /// into <paramref name="first"/>[k − firstBin] and <paramref name="second"/>[k − firstBin].
        /// </summary>
        public void Compute(float[] first, float[] second, int firstBin, int lastBin)
        {
            _fft.Transform();
            float[] re = _fft.Real;
            float[] im = _fft.Imaginary;
            int n = _fft.Size;
            for (int k = firstBin; k <= lastBin; k++)
            {
                int c = k == 0 ? 0 : n - k;
                float ar = re[k] + re[c];
                float ai = im[k] - im[c];
                float br = im[k] + im[c];
                float bi = re[c] - re[k];
                first[k - firstBin] = 0.25f * (ar * ar + ai * ai);
                second[k - firstBin] = 0.25f * (br * br + bi * bi);
            }
        }

        /// <summary>
        /// Writes |A[k]|² + |B[k]|² (= (|Z[k]|² + |Z[N−k]|²) / 2, no separation needed) for k = <paramref name="firstBin"/>
        /// .. <paramref name="lastBin"/> into <paramref name="power"/>[k − firstBin].
        /// </summary>
        public void ComputeSum(float[] power, int firstBin, int lastBin)
        {
            _fft.Transform();
            float[] re = _fft.Real;
            float[] im = _fft.Imaginary;
            int n = _fft.Size;
            for (int k = firstBin; k <= lastBin; k++)
            {
                int c = k == 0 ? 0 : n - k;
                power[k - firstBin] = 0.5f * (re[k] * re[k] + im[k] * im[k] + re[c] * re[c] + im[c] * im[c]);
            }
        }
    }
}
