using WearableFirmware.Alarms;

namespace WearableFirmware.Simulator.Evaluation.Alarms;

/// <summary>
/// How one tier of a physiological alarm did against a reference, on the once-a-second evaluation grid.
/// <list type="bullet">
/// <item>An episode is a stretch where the reference is beyond the limit (a missing reference ends it). One that lasts
/// longer than the stated delay requires an alarm: it is detected when the alarm has at least the tier's priority
/// at some evaluation within the stated delay of the episode's start (already on counts); the latency is from the
/// start to the first such evaluation.</item>
/// <item>A false alarm is an onset of the tier (the alarm reaching the tier's priority) while the reference stayed
/// within the limit throughout the stated delay before it: no reading the alarm could have been raised on was
/// beyond the limit.</item>
/// </list>
/// </summary>
public sealed record AlarmScore(int Required, int Detected, List<double> Latencies, List<double> MissedAt, List<double> FalseAlarmsAt, double ShortestRequiredSeconds)
{
    public static AlarmScore Of(double[] times, double[] reference, AlarmPriority[] priority, double limit, bool below, AlarmPriority tier,
        double statedDelaySeconds)
    {
        bool Beyond(int i) => !double.IsNaN(reference[i]) && (below ? reference[i] < limit : reference[i] > limit);
        int required = 0;
        int detected = 0;
        var latencies = new List<double>();
        var missed = new List<double>();
        double shortest = double.NaN;
        for (int i = 0; i < times.Length; i++)
        {
            if (!Beyond(i) || (i > 0 && Beyond(i - 1)))
            {
                continue;
            }

            int j = i;
            while (j + 1 < times.Length && Beyond(j + 1))
            {
                j++;
            }

            double start = times[i];
            double length = times[j] - start + 1;
            if (length <= statedDelaySeconds)
            {
                continue;
            }

            required++;
            shortest = double.IsNaN(shortest) ? length : Math.Min(shortest, length);
            int k = i;
            while (k < times.Length && times[k] - start <= statedDelaySeconds && priority[k] < tier)
            {
                k++;
            }

            if (k < times.Length && times[k] - start <= statedDelaySeconds)
            {
                detected++;
                latencies.Add(times[k] - start);
            }
            else
            {
                missed.Add(start);
            }
        }

        var falseAlarms = new List<double>();
        for (int i = 0; i < times.Length; i++)
        {
            if (priority[i] < tier || (i > 0 && priority[i - 1] >= tier))
            {
                continue;
            }

            bool withinThroughout = true;
            for (int k = i; k >= 0 && times[i] - times[k] <= statedDelaySeconds; k--)
            {
                if (double.IsNaN(reference[k]) || Beyond(k))
                {
                    withinThroughout = false;
                    break;
                }
            }

            if (withinThroughout)
            {
                falseAlarms.Add(times[i]);
            }
        }

        return new AlarmScore(required, detected, latencies, missed, falseAlarms, shortest);
    }

    /// <summary>Adds two scores (pooling runs).</summary>
    public static AlarmScore operator +(AlarmScore a, AlarmScore b) => new(a.Required + b.Required, a.Detected + b.Detected,
        [.. a.Latencies, .. b.Latencies], [.. a.MissedAt, .. b.MissedAt], [.. a.FalseAlarmsAt, .. b.FalseAlarmsAt],
        double.IsNaN(a.ShortestRequiredSeconds) ? b.ShortestRequiredSeconds
            : double.IsNaN(b.ShortestRequiredSeconds) ? a.ShortestRequiredSeconds : Math.Min(a.ShortestRequiredSeconds, b.ShortestRequiredSeconds));

    public static AlarmScore Empty => new(0, 0, [], [], [], double.NaN);
}
