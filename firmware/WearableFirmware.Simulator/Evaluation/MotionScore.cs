namespace WearableFirmware.Simulator.Evaluation;

/// <summary>
/// Heart-rate error of one replayed SP Cup recording, scored as the SP Cup papers score: every window counts, and a
/// window without a valid reading takes the last value the device showed (before the first reading: 0 bpm).
/// </summary>
public sealed class MotionScore
{
    public required string Name { get; init; }

    public required int Windows { get; init; }

    /// <summary>The estimate each window is scored with.</summary>
    public required double[] Shown { get; init; }

    public required double Mae { get; init; }

    public required double Rmse { get; init; }

    public required double ValidFraction { get; init; }

    /// <summary>MAE over the windows with a valid reading (NaN if none).</summary>
    public required double ValidMae { get; init; }

    /// <summary>Windows scored before the device had shown any heart rate.</summary>
    public required int BeforeFirstReading { get; init; }

    /// <summary>Share of windows whose rate came from the spectral (motion) estimator.</summary>
    public required double SpectralFraction { get; init; }

    /// <summary>Share of the windows marked moving in which SpO2 was published.</summary>
    public required double SpO2WhileMovingFraction { get; init; }

    public static MotionScore Of(MotionReplayResult r)
    {
        int n = r.Times.Length;
        var shown = new double[n];
        double last = 0;
        int before = 0, valid = 0, spectral = 0, moving = 0, spo2Moving = 0;
        double abs = 0, sq = 0, validAbs = 0;
        for (int i = 0; i < n; i++)
        {
            var reading = r.Readings[i];
            if (reading.HeartRateValid)
            {
                last = reading.HeartRateBpm;
                valid++;
                spectral += reading.HeartRateFromSpectrum ? 1 : 0;
                validAbs += Math.Abs(last - r.Recording.ReferenceBpm[i]);
            }
            else if (last == 0)
            {
                before++;
            }

            if (r.Moving[i])
            {
                moving++;
                spo2Moving += reading.SpO2Valid ? 1 : 0;
            }

            shown[i] = last;
            double e = last - r.Recording.ReferenceBpm[i];
            abs += Math.Abs(e);
            sq += e * e;
        }

        return new MotionScore
        {
            Name = r.Recording.Name,
            Windows = n,
            Shown = shown,
            Mae = abs / n,
            Rmse = Math.Sqrt(sq / n),
            ValidFraction = (double)valid / n,
            ValidMae = valid > 0 ? validAbs / valid : double.NaN,
            BeforeFirstReading = before,
            SpectralFraction = (double)spectral / n,
            SpO2WhileMovingFraction = moving > 0 ? (double)spo2Moving / moving : double.NaN,
        };
    }
}
