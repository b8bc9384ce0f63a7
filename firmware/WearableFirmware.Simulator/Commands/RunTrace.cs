using WearableFirmware.Vitals;

namespace WearableFirmware.Simulator.Commands;

/// <summary>
/// What `run` keeps of its one-per-second readings: the summary's sums over every second, and for the plot at most
/// <see cref="Capacity"/> evenly spaced seconds. When the plot points fill up, every other one is dropped and the spacing
/// doubles, so a month-long run holds as much as a short one.
/// </summary>
public sealed class RunTrace
{
    public RunTrace(int capacity = 8192)
    {
        if (capacity < 2 || capacity % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), "an even number of at least 2");
        }

        Capacity = capacity;
    }

    public readonly record struct Point(double T, VitalsReading Reading, double TrueHr, double TrueSpO2, bool OnSkin);

    public int Capacity { get; }

    /// <summary>The plot's points, oldest first: every <see cref="Spacing"/>-th second added.</summary>
    public IReadOnlyList<Point> Points => _points;

    /// <summary>Seconds between kept points.</summary>
    public int Spacing { get; private set; } = 1;

    public int Seconds { get; private set; }

    /// <summary>Seconds worn with a known true heart rate (what valid-reading shares are taken of).</summary>
    public int Worn { get; private set; }

    public int HeartRateCompared { get; private set; }

    public int SpO2Compared { get; private set; }

    /// <summary>Mean absolute heart-rate error over the seconds with a valid reading and a known truth (NaN if none).</summary>
    public double HeartRateMae => HeartRateCompared > 0 ? _hrAbsoluteErrorSum / HeartRateCompared : double.NaN;

    /// <summary>Root-mean-square SpO2 error over the seconds with a valid reading and a known truth (NaN if none).</summary>
    public double SpO2Arms => SpO2Compared > 0 ? Math.Sqrt(_spo2SquaredErrorSum / SpO2Compared) : double.NaN;

    private readonly List<Point> _points = [];
    private double _hrAbsoluteErrorSum;
    private double _spo2SquaredErrorSum;

    public void Add(double t, VitalsReading reading, double trueHr, double trueSpO2, bool onSkin)
    {
        if (reading.HeartRateValid && !double.IsNaN(trueHr))
        {
            HeartRateCompared++;
            _hrAbsoluteErrorSum += Math.Abs(reading.HeartRateBpm - trueHr);
        }

        if (reading.SpO2Valid && !double.IsNaN(trueSpO2))
        {
            SpO2Compared++;
            double e = reading.SpO2Percent - trueSpO2;
            _spo2SquaredErrorSum += e * e;
        }

        if (onSkin && !double.IsNaN(trueHr))
        {
            Worn++;
        }

        if (Seconds % Spacing == 0)
        {
            if (_points.Count == Capacity)
            {
                for (int i = 0; i < Capacity / 2; i++)
                {
                    _points[i] = _points[2 * i];
                }

                _points.RemoveRange(Capacity / 2, Capacity / 2);
                Spacing *= 2;
            }

            if (Seconds % Spacing == 0)
            {
                _points.Add(new Point(t, reading, trueHr, trueSpO2, onSkin));
            }
        }

        Seconds++;
    }
}
