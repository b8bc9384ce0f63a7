using WearableFirmware.Alarms;
using WearableFirmware.Application;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.Vitals;

namespace WearableFirmware.Simulator.Evaluation.Alarms;

/// <summary>
/// One run of the whole firmware on the simulated board (no phone) with what the alarm evaluation needs at every
/// once-a-second alarm evaluation: the published reading, the reference (simulated truth or the recording's), and the
/// priority of the physiological alarms after it; plus every alarm event to the tick.
/// </summary>
public sealed class AlarmRun
{
    public required string Name { get; init; }

    public required double[] Times { get; init; }

    public required VitalsReading[] Readings { get; init; }

    public required double[] ReferenceSpO2 { get; init; }

    public required double[] ReferenceRate { get; init; }

    /// <summary>Whether the reference says the sensor is on the skin (the recordings always are).</summary>
    public required bool[] ReferenceOnSkin { get; init; }

    public required AlarmPriority[] SpO2Priority { get; init; }

    public required AlarmPriority[] RateHighPriority { get; init; }

    public required AlarmPriority[] RateLowPriority { get; init; }

    public required List<AlarmEvent> Events { get; init; }

    /// <summary>Runs <paramref name="scenario"/> to its end (or <paramref name="seconds"/>) with <paramref name="settings"/>.</summary>
    public static AlarmRun Execute(string name, WearerScenario scenario, ApplicationSettings settings, double? seconds = null)
    {
        var board = new SimulatedWearable(scenario, settings);
        if (!board.Boot())
        {
            throw new InvalidOperationException(name + ": a sensor did not start on the simulated board");
        }

        long end = (long)((seconds ?? scenario.DurationSeconds) * 1e6);
        var times = new List<double>();
        var readings = new List<VitalsReading>();
        var spo2Ref = new List<double>();
        var rateRef = new List<double>();
        var onSkin = new List<bool>();
        var spo2 = new List<AlarmPriority>();
        var high = new List<AlarmPriority>();
        var low = new List<AlarmPriority>();
        int seen = board.App.AlarmMonitor.Evaluations;
        while (board.Clock.NowMicroseconds < end)
        {
            board.RunTicks(1);
            if (board.App.AlarmMonitor.Evaluations == seen)
            {
                continue;
            }

            seen = board.App.AlarmMonitor.Evaluations;
            var truth = WearerScenario.TruthOf(board.PpgSignal) ?? (double.NaN, double.NaN, true);
            times.Add(board.Clock.NowMicroseconds / 1e6);
            readings.Add(board.App.VitalsPublisher.LastReading);
            spo2Ref.Add(truth.SpO2);
            rateRef.Add(truth.HeartRate);
            onSkin.Add(truth.OnSkin);
            spo2.Add(board.App.Alarms.PriorityOf(AlarmCondition.SpO2Low));
            high.Add(board.App.Alarms.PriorityOf(AlarmCondition.PulseRateHigh));
            low.Add(board.App.Alarms.PriorityOf(AlarmCondition.PulseRateLow));
        }

        return new AlarmRun
        {
            Name = name,
            Times = times.ToArray(),
            Readings = readings.ToArray(),
            ReferenceSpO2 = spo2Ref.ToArray(),
            ReferenceRate = rateRef.ToArray(),
            ReferenceOnSkin = onSkin.ToArray(),
            SpO2Priority = spo2.ToArray(),
            RateHighPriority = high.ToArray(),
            RateLowPriority = low.ToArray(),
            Events = board.AlarmLog.Events.ToList(),
        };
    }

    /// <summary>First start of an alarm of the condition (any priority), in s; null if none.</summary>
    public double? FirstStart(AlarmCondition condition) =>
        Events.FirstOrDefault(e => e.Condition == condition && e.Kind == AlarmEventKind.Started) is { } e ? e.AtMicroseconds / 1e6 : null;
}
