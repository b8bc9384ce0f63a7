using WearableFirmware.Vitals;

namespace WearableFirmware.Tests.Vitals;

/// <summary>
/// Red and IR raw counts with known truth, shaped like a fingertip MAX3010x signal: counts fall at systole (blood
/// absorbs), a systolic wave and a smaller dicrotic wave per beat. The pulsatile fraction of IR is the perfusion
/// index; red's is R times that, so the ratio of ratios is exactly R = the inverse of the calibration at the
/// requested SpO2.
/// </summary>
public sealed class SyntheticPpg
{
    private readonly Random _random;
    private double _phase;
    private double _currentInterval;

    public SyntheticPpg(int sampleRateHz = 100, int seed = 1)
    {
        SampleRateHz = sampleRateHz;
        _random = new Random(seed);
    }

    public int SampleRateHz { get; }

    public double HeartRateBpm { get; set; } = 60;

    public double SpO2Percent { get; set; } = 97;

    /// <summary>IR pulsatile amplitude over IR DC, %.</summary>
    public double PerfusionIndexPercent { get; set; } = 2;

    public double IrDc { get; set; } = 120_000;

    public double RedDc { get; set; } = 90_000;

    /// <summary>White noise, as a fraction of the IR pulse amplitude (applied to both channels, independently).</summary>
    public double NoiseFraction { get; set; }

    /// <summary>Beat-to-beat variation of the interval (fraction, uniform ±).</summary>
    public double IntervalJitter { get; set; }

    /// <summary>Skin off the sensor: both channels read only a little leakage.</summary>
    public bool SensorOff { get; set; }

    /// <summary>Beat peak times (s) generated so far: the systolic minimum of the raw counts.</summary>
    public List<double> BeatTimes { get; } = new();

    /// <summary>Intervals (ms) between generated beats.</summary>
    public List<double> Intervals { get; } = new();

    private long _sample;

    /// <summary>The ratio of ratios that gives <paramref name="spo2"/> on the default MAX3010x curve (root in 0.2-2).</summary>
    /// <summary>Next sample pair (raw ADC counts).</summary>
    public (int Red, int Ir) Next()
    {
        double t = _sample / (double)SampleRateHz;
        _sample++;
        bool beatStarts = false;
        if (_currentInterval == 0)
        {
            _currentInterval = NewInterval();
            beatStarts = true;
        }
        else
        {
            _phase += 1.0 / SampleRateHz;
            if (_phase >= _currentInterval)
            {
                _phase -= _currentInterval;
                _currentInterval = NewInterval();
                beatStarts = true;
            }
        }

        // Systolic wave peaks 0.15 s into the beat (or earlier at fast rates), dicrotic wave later.
        double systole = Math.Min(0.15, 0.3 * _currentInterval);
        double dicrotic = systole + Math.Min(0.3, 0.35 * _currentInterval);
        double width = Math.Min(0.08, 0.12 * _currentInterval);
        double shape = Bump(_phase, systole, width, _currentInterval) + 0.35 * Bump(_phase, dicrotic, width * 1.3, _currentInterval);
        if (beatStarts)
        {
            BeatTimes.Add(t - _phase + systole);
            if (BeatTimes.Count > 1)
            {
                Intervals.Add(1000 * (BeatTimes[^1] - BeatTimes[^2]));
            }
        }

        if (SensorOff)
        {
            return (200 + _random.Next(50), 300 + _random.Next(50));
        }

        double r = SpO2Calibration.Max3010xMaxim().RatioFor((float)SpO2Percent);
        double irAc = IrDc * PerfusionIndexPercent / 100;
        double redAc = RedDc * PerfusionIndexPercent / 100 * r;
        double ir = IrDc - irAc * shape + NoiseFraction * irAc * Gaussian();
        double red = RedDc - redAc * shape + NoiseFraction * redAc * Gaussian();
        return ((int)Math.Round(red), (int)Math.Round(ir));
    }

    public void Feed(VitalsProcessor processor, double seconds)
    {
        int n = (int)Math.Round(seconds * SampleRateHz);
        for (int i = 0; i < n; i++)
        {
            var (red, ir) = Next();
            processor.AddSample(red, ir);
        }
    }

    private double NewInterval()
    {
        double mean = 60.0 / HeartRateBpm;
        return mean * (1 + IntervalJitter * (2 * _random.NextDouble() - 1));
    }

    // Periodic Gaussian bump: also counts the tail of the previous and next beat so the wave is continuous.
    private static double Bump(double phase, double centre, double width, double period)
    {
        double sum = 0;
        for (int k = -1; k <= 1; k++)
        {
            double d = phase - centre - k * period;
            sum += Math.Exp(-0.5 * d * d / (width * width));
        }

        return sum;
    }

    private double Gaussian()
    {
        double u1 = 1 - _random.NextDouble();
        double u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
