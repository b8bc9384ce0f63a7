namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>
/// Trial-level confusion counts (positive = fall) and the false-alarm rate over activity time. A fall trial counts as
/// detected when a fall decision's impact lies in its marked fall window (any decision where the data set marks none);
/// fall decisions elsewhere in fall trials are counted apart (<see cref="AlarmsOutsideFalls"/>).
/// </summary>
public sealed record FallMetrics(int Falls, int Detected, int Adls, int AdlsWithAlarm, int FalseAlarms, double AdlHours, int AlarmsOutsideFalls = 0)
{
    public double Sensitivity => Falls == 0 ? double.NaN : (double)Detected / Falls;

    public double Specificity => Adls == 0 ? double.NaN : (double)(Adls - AdlsWithAlarm) / Adls;

    public double Accuracy => (double)(Detected + Adls - AdlsWithAlarm) / Math.Max(1, Falls + Adls);

    public double F1 => 2.0 * Detected / Math.Max(1, 2 * Detected + (Falls - Detected) + AdlsWithAlarm);

    public double FalseAlarmsPerHour => AdlHours == 0 ? double.NaN : FalseAlarms / AdlHours;

    public static FallMetrics Of(IEnumerable<TrialRun> runs)
    {
        int falls = 0, detected = 0, adls = 0, alarmed = 0, alarms = 0, outside = 0;
        double adlSeconds = 0;
        foreach (TrialRun r in runs)
        {
            if (r.Trial.IsFall)
            {
                falls++;
                detected += r.Detected ? 1 : 0;
                outside += r.AlarmsOutsideFall;
            }
            else
            {
                int decisions = r.FallDecisions;
                adls++;
                alarmed += decisions > 0 ? 1 : 0;
                alarms += decisions;
                adlSeconds += r.Seconds;
            }
        }

        return new FallMetrics(falls, detected, adls, alarmed, alarms, adlSeconds / 3600, outside);
    }

    public string Summary()
    {
        string sens = Falls == 0 ? "n/a" : $"{100 * Sensitivity:F1} % ({Detected}/{Falls})";
        string spec = Adls == 0 ? "n/a" : $"{100 * Specificity:F1} % ({Adls - AdlsWithAlarm}/{Adls})";
        string fa = Adls == 0 ? "n/a" : $"{FalseAlarmsPerHour:F2} /h ({FalseAlarms} in {AdlHours * 60:F1} min)";
        string outside = AlarmsOutsideFalls > 0 ? $"; {AlarmsOutsideFalls} alarms in fall trials away from the fall" : "";
        return $"sensitivity {sens}, specificity {spec}, false alarms {fa}{outside}";
    }
}
