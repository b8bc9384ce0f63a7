using WearableFirmware.SimulatedBoard.Signals;

namespace WearableFirmware.Simulator.Evaluation;

/// <summary>How one replay compares with its recording's reference.</summary>
public sealed class PpgScore
{
    /// <summary>Seconds judged (with a reference heart rate).</summary>
    public int Seconds { get; private init; }

    /// <summary>Seconds with a valid heart rate among those judged.</summary>
    public int ValidSeconds { get; private init; }

    /// <summary>Seconds judged from the first valid reading on (start-up excluded).</summary>
    public int SecondsAfterFirst { get; private init; }

    public int ValidSecondsAfterFirst { get; private init; }

    /// <summary>Time from the start to the first valid heart rate (s); NaN if none.</summary>
    public double TimeToFirstSeconds { get; private init; }

    /// <summary>Sum of |HR − reference| over the valid seconds judged.</summary>
    public double AbsErrorSum { get; private init; }

    /// <summary>Loop ticks with a valid heart rate and a reference (every loop tick, not once a second).</summary>
    public int ValidTicks { get; private init; }

    /// <summary>Of <see cref="ValidTicks"/>, those more than <see cref="WrongFraction"/> from the reference.</summary>
    public int WrongTicks { get; private init; }

    /// <summary>Time with a valid heart rate more than 20 % off, at any tick (s).</summary>
    public double WrongSeconds { get; private init; }

    /// <summary>SpO2 error pairs (estimate, reference) where both exist.</summary>
    public List<(double Estimate, double Reference)> SpO2Pairs { get; } = new();

    public double Mae => ValidSeconds > 0 ? AbsErrorSum / ValidSeconds : double.NaN;

    public double ValidFraction => Seconds > 0 ? ValidSeconds / (double)Seconds : double.NaN;

    public double ValidFractionAfterFirst => SecondsAfterFirst > 0 ? ValidSecondsAfterFirst / (double)SecondsAfterFirst : double.NaN;

    public double SpO2Arms => Arms(SpO2Pairs);

    /// <summary>A valid heart rate this far from the reference (fraction of it) counts as wrong: a split or missed
    /// beat's rate (double or half), not an estimate's ordinary error.</summary>
    public const double WrongFraction = 0.2;


    public static PpgScore Of(PpgReplayResult result)
    {
        PpgRecording rec = result.Recording;
        int seconds = 0, valid = 0, afterFirst = 0, validAfterFirst = 0;
        double sum = 0, first = double.NaN;
        var score = new List<(double, double)>();
        for (int i = 0; i < result.Times.Length; i++)
        {
            double t = result.Times[i];
            var reading = result.Readings[i];
            if (reading.HeartRateValid && double.IsNaN(first))
            {
                first = t;
            }

            double reference = rec.ReferenceHeartRate(t, PpgRecording.ReferenceWindowSeconds);
            if (!double.IsNaN(reference))
            {
                seconds++;
                if (!double.IsNaN(first))
                {
                    afterFirst++;
                }

                if (reading.HeartRateValid)
                {
                    valid++;
                    validAfterFirst++;
                    sum += Math.Abs(reading.HeartRateBpm - reference);
                }
            }

            double spo2 = rec.ReferenceSpO2At(t);
            if (reading.SpO2Valid && !double.IsNaN(spo2))
            {
                score.Add((reading.SpO2Percent, spo2));
            }
        }

        int validTicks = 0, wrongTicks = 0;
        double wrongSeconds = 0;
        for (int i = 0; i < result.TickTimes.Length; i++)
        {
            double t = result.TickTimes[i];
            double reference = rec.ReferenceHeartRate(t, PpgRecording.ReferenceWindowSeconds);
            if (float.IsNaN(result.TickHeartRates[i]) || double.IsNaN(reference))
            {
                continue;
            }

            validTicks++;
            if (Math.Abs(result.TickHeartRates[i] - reference) > WrongFraction * reference)
            {
                wrongTicks++;
                wrongSeconds += t - (i > 0 ? result.TickTimes[i - 1] : 0);
            }
        }

        var s = new PpgScore
        {
            ValidTicks = validTicks,
            WrongTicks = wrongTicks,
            WrongSeconds = wrongSeconds,
            Seconds = seconds,
            ValidSeconds = valid,
            SecondsAfterFirst = afterFirst,
            ValidSecondsAfterFirst = validAfterFirst,
            AbsErrorSum = sum,
            TimeToFirstSeconds = first,
        };
        s.SpO2Pairs.AddRange(score);
        return s;
    }

    /// <summary>Root-mean-square error of (estimate, reference) pairs: the oximetry accuracy measure A_rms.</summary>
    public static double Arms(IReadOnlyCollection<(double Estimate, double Reference)> pairs)
    {
        if (pairs.Count == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        foreach (var (e, r) in pairs)
        {
            sum += (e - r) * (e - r);
        }

        return Math.Sqrt(sum / pairs.Count);
    }

    /// <summary>Pooled over records: total absolute error over total valid seconds, and so on.</summary>
    public static (double Mae, double Valid, double ValidAfterFirst, int Seconds) Pool(IEnumerable<PpgScore> scores)
    {
        double sum = 0;
        int seconds = 0, valid = 0, after = 0, validAfter = 0;
        foreach (PpgScore s in scores)
        {
            sum += s.AbsErrorSum;
            seconds += s.Seconds;
            valid += s.ValidSeconds;
            after += s.SecondsAfterFirst;
            validAfter += s.ValidSecondsAfterFirst;
        }

        return (valid > 0 ? sum / valid : double.NaN, seconds > 0 ? valid / (double)seconds : double.NaN,
            after > 0 ? validAfter / (double)after : double.NaN, seconds);
    }
}
