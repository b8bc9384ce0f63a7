namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>
/// Replays recorded red/IR samples to the MAX30102 model. The model asks at its own conversion times, so the
/// recording is resampled to the configured rate by linear interpolation between the two neighbouring recorded
/// samples; before the first and after the last sample the end values are held. Values are optical transfer in
/// nA per mA of LED drive (see <see cref="IPpgSignal"/>): use <see cref="FromAdcCounts"/> for MAX3010x recordings,
/// or <see cref="ScaleToMean"/> to bring other units (e.g. camera PPG) to a realistic level.
/// </summary>
public sealed class RecordedPpgSignal : IPpgSignal
{
    private readonly float[] _red;
    private readonly float[] _ir;
    private readonly float[]? _ambient;
    private readonly long[] _times;
    private int _index;

    /// <summary>
    /// Samples at the given times (µs from the start of the recording, strictly increasing); optionally the ambient
    /// photocurrent (nA, no LED lit) measured with each, which the chip model's ambient light cancellation removes.
    /// </summary>
    public RecordedPpgSignal(float[] redNanoampsPerMilliamp, float[] irNanoampsPerMilliamp, long[] timesMicroseconds, float[]? ambientNanoamps = null)
    {
        ArgumentNullException.ThrowIfNull(redNanoampsPerMilliamp);
        ArgumentNullException.ThrowIfNull(irNanoampsPerMilliamp);
        ArgumentNullException.ThrowIfNull(timesMicroseconds);
        if (redNanoampsPerMilliamp.Length != irNanoampsPerMilliamp.Length || redNanoampsPerMilliamp.Length != timesMicroseconds.Length)
        {
            throw new ArgumentException($"red ({redNanoampsPerMilliamp.Length}), IR ({irNanoampsPerMilliamp.Length}) and time ({timesMicroseconds.Length}) arrays must have the same length");
        }

        if (timesMicroseconds.Length < 2)
        {
            throw new ArgumentException("a recording needs at least two samples to interpolate");
        }

        if (ambientNanoamps != null && (ambientNanoamps.Length != timesMicroseconds.Length || ambientNanoamps.Any(a => !float.IsFinite(a) || a < 0)))
        {
            throw new ArgumentException($"ambient must have one finite non-negative value per sample ({ambientNanoamps.Length} for {timesMicroseconds.Length} samples)");
        }

        for (int i = 0; i < timesMicroseconds.Length; i++)
        {
            if (i > 0 && timesMicroseconds[i] <= timesMicroseconds[i - 1])
            {
                throw new ArgumentException($"sample times must increase strictly: sample {i} at {timesMicroseconds[i]} us follows {timesMicroseconds[i - 1]} us");
            }

            if (!float.IsFinite(redNanoampsPerMilliamp[i]) || !float.IsFinite(irNanoampsPerMilliamp[i]) || redNanoampsPerMilliamp[i] < 0 || irNanoampsPerMilliamp[i] < 0)
            {
                throw new ArgumentException($"sample {i} is not a finite non-negative value (red {redNanoampsPerMilliamp[i]}, IR {irNanoampsPerMilliamp[i]})");
            }
        }

        _red = redNanoampsPerMilliamp;
        _ir = irNanoampsPerMilliamp;
        _ambient = ambientNanoamps;
        _times = timesMicroseconds;
    }

    /// <summary>Model time at which the recording's first sample plays.</summary>
    public long StartMicroseconds { get; set; }

    /// <summary>Constant ambient photocurrent in nA added to the replay (and to the recorded ambient, if any).</summary>
    public float AmbientNanoamps { get; set; }

    /// <summary>Length of the recording.</summary>
    public long DurationMicroseconds => _times[^1] - _times[0];

    /// <summary>Samples recorded at a fixed rate.</summary>
    public static RecordedPpgSignal AtFixedRate(float[] redNanoampsPerMilliamp, float[] irNanoampsPerMilliamp, double sampleRateHz)
    {
        if (!(sampleRateHz > 0 && double.IsFinite(sampleRateHz)))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, "sample rate must be positive");
        }

        var times = new long[redNanoampsPerMilliamp.Length];
        for (int i = 0; i < times.Length; i++)
        {
            times[i] = (long)Math.Round(i * 1e6 / sampleRateHz);
        }

        return new RecordedPpgSignal(redNanoampsPerMilliamp, irNanoampsPerMilliamp, times);
    }

    /// <summary>
    /// A MAX3010x recording in right-justified ADC counts: converted back to nA per mA with the recording's
    /// resolution, ADC full scale and LED currents.
    /// </summary>
    public static RecordedPpgSignal FromAdcCounts(int[] red, int[] ir, double sampleRateHz, int resolutionBits, int fullScaleNanoamps, float redMilliamps, float irMilliamps)
    {
        if (resolutionBits < 15 || resolutionBits > 18 || fullScaleNanoamps <= 0 || !(redMilliamps > 0) || !(irMilliamps > 0))
        {
            throw new ArgumentException($"recording parameters out of range: {resolutionBits} bits (15..18), full scale {fullScaleNanoamps} nA, LEDs {redMilliamps}/{irMilliamps} mA (> 0)");
        }

        float nanoampsPerCount = fullScaleNanoamps / (float)(1 << resolutionBits);
        return AtFixedRate(Convert(red, nanoampsPerCount / redMilliamps), Convert(ir, nanoampsPerCount / irMilliamps), sampleRateHz);
    }

    /// <summary>Scales a channel so its mean becomes <paramref name="targetMean"/> (e.g. camera values to nA per mA).</summary>
    public static float[] ScaleToMean(float[] values, float targetMean)
    {
        double sum = 0;
        foreach (float v in values)
        {
            sum += v;
        }

        double mean = sum / values.Length;
        if (!(mean > 0))
        {
            throw new ArgumentException($"cannot scale a channel whose mean is {mean}");
        }

        var scaled = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            scaled[i] = (float)(values[i] * targetMean / mean);
        }

        return scaled;
    }

    public void Sample(long timeMicroseconds, out float redNanoampsPerMilliamp, out float irNanoampsPerMilliamp, out float ambientNanoamps)
    {
        ambientNanoamps = AmbientNanoamps;
        long t = timeMicroseconds - StartMicroseconds + _times[0];
        if (t <= _times[0])
        {
            redNanoampsPerMilliamp = _red[0];
            irNanoampsPerMilliamp = _ir[0];
            ambientNanoamps += _ambient?[0] ?? 0;
            return;
        }

        if (t >= _times[^1])
        {
            redNanoampsPerMilliamp = _red[^1];
            irNanoampsPerMilliamp = _ir[^1];
            ambientNanoamps += _ambient?[^1] ?? 0;
            return;
        }

        // Times mostly move forward: walk from the last position, restart the search if asked for an earlier time.
        if (_times[_index] > t)
        {
            _index = 0;
        }

        while (_times[_index + 1] <= t)
        {
            _index++;
        }

        double f = (t - _times[_index]) / (double)(_times[_index + 1] - _times[_index]);
        redNanoampsPerMilliamp = (float)(_red[_index] + f * (_red[_index + 1] - _red[_index]));
        irNanoampsPerMilliamp = (float)(_ir[_index] + f * (_ir[_index + 1] - _ir[_index]));
        if (_ambient != null)
        {
            ambientNanoamps += (float)(_ambient[_index] + f * (_ambient[_index + 1] - _ambient[_index]));
        }
    }

    private static float[] Convert(int[] counts, float scale)
    {
        var values = new float[counts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            values[i] = counts[i] * scale;
        }

        return values;
    }
}
