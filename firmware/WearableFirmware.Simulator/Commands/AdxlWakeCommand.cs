using System.CommandLine;
using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Chips;
using WearableFirmware.SimulatedBoard.Signals;

namespace WearableFirmware.Simulator.Commands;

/// <summary>
/// Replays SisFall trials through the ADXL345 model and driver and reports how often the chip's own free-fall and
/// activity interrupts fire on falls and on daily activities: the evidence behind the wake thresholds in
/// hardware-notes/sensors.md (ADXL345). Also reports how much of the impact peak survives the output data rate.
/// </summary>
public sealed class AdxlWakeCommand : Command
{
    private readonly TextWriter? _output;
    private readonly TextWriter? _progressWriter;
    private readonly Option<string?> _data = Cli.Text("--data", "folder with SisFall subject folders (e.g. ../shared/data/sisfall-dev)", "dir");
    private readonly Option<int?> _ffMg = Cli.Whole("--ff-mg", "free-fall threshold in mg (default 500)", 32, 15937);
    private readonly Option<int?> _ffMs = Cli.Whole("--ff-ms", "free-fall time in ms (default 30)", 5, 1275);
    private readonly Option<int?> _actMg = Cli.Whole("--act-mg", "activity threshold in mg, dc coupled (default 2000)", 32, 15937);
    private readonly Option<int?> _rate = Cli.Whole("--rate", "output data rate: 25, 50, 100, 200, 400 Hz (default 50, the firmware's)", 25, 400);
    private readonly Option<bool> _skipLong = Cli.Flag("--skip-long", "skip the 100 s walking/jogging trials D01-D04 (4x faster)");
    private TextWriter _out = Console.Out;
    private TextWriter _progress = Console.Error;

    public AdxlWakeCommand(TextWriter? output = null, TextWriter? progress = null)
        : base("adxl-wake", "ADXL345 free-fall/activity interrupt rates on SisFall falls and activities")
    {
        _output = output;
        _progressWriter = progress;
        _data.Required = true;
        foreach (Option option in new Option[] { _data, _ffMg, _ffMs, _actMg, _rate, _skipLong })
        {
            Options.Add(option);
        }

        SetAction(Run);
    }

    private int Run(ParseResult args)
    {
        _out = _output ?? args.InvocationConfiguration.Output;
        _progress = _progressWriter ?? args.InvocationConfiguration.Error;
        string data = args.GetValue(_data)!;
        int ffMg = args.GetValue(_ffMg) ?? 500;
        int ffMs = args.GetValue(_ffMs) ?? 30;
        int actMg = args.GetValue(_actMg) ?? 2000;
        int rate = args.GetValue(_rate) ?? WearableFirmware.Falls.FallSensing.SampleRateHz;
        bool skipLong = args.GetValue(_skipLong);

        OutputDataRate code = rate switch
        {
            25 => OutputDataRate.Hz25,
            50 => OutputDataRate.Hz50,
            100 => OutputDataRate.Hz100,
            200 => OutputDataRate.Hz200,
            400 => OutputDataRate.Hz400,
            _ => throw new UsageException("--rate must be 25, 50, 100, 200 or 400"),
        };

        if (!Directory.Exists(data))
        {
            throw new UsageException($"no such folder: {data}");
        }

        var files = PpgArguments.ReadingData(() => SisFallTrial.FindTrialFiles(data))
            .Where(f => !skipLong || !Path.GetFileName(f).StartsWith("D0") || Path.GetFileName(f)[2] > '4')
            .ToList();
        if (files.Count == 0)
        {
            throw new UsageException($"no SisFall trial files under {data}");
        }

        var settings = new Adxl345Settings
        {
            DataRate = code,
            FreeFallThresholdMg = ffMg,
            FreeFallTimeMs = ffMs,
            ActivityThresholdMg = actMg,
            EnabledInterrupts = InterruptSource.Watermark | InterruptSource.Overrun | InterruptSource.FreeFall | InterruptSource.Activity,
        };
        settings.Validate();

        var byCode = new SortedDictionary<string, (int Trials, int FreeFall, int Activity, int Either)>(StringComparer.Ordinal);
        double peakRatioSum = 0;
        int peakRatioCount = 0;
        int done = 0;
        foreach (string file in files)
        {
            SisFallTrial trial = PpgArguments.ReadingData(() => SisFallTrial.Load(file));
            var clock = new VirtualClock();
            var chip = new Adxl345Model(clock, trial.ToMotionSource());
            var driver = new Adxl345(chip, clock, settings);
            if (!driver.Start())
            {
                throw new InvalidOperationException("driver did not start on the model: " + driver.DescribeLastError());
            }

            double peakOut = 0;
            long end = (long)(trial.DurationSeconds * 1e6);
            while (clock.NowMicroseconds < end)
            {
                clock.Advance(40_000);
                int n = driver.Drain();
                for (int i = 0; i < n; i++)
                {
                    double x = driver.X[i], y = driver.Y[i], z = driver.Z[i];
                    peakOut = Math.Max(peakOut, Math.Sqrt(x * x + y * y + z * z) * driver.GPerCount);
                }
            }

            var entry = byCode.GetValueOrDefault(trial.ActivityCode);
            byCode[trial.ActivityCode] = (entry.Trials + 1, entry.FreeFall + (driver.FreeFallEvents > 0 ? 1 : 0),
                entry.Activity + (driver.ActivityEvents > 0 ? 1 : 0),
                entry.Either + (driver.FreeFallEvents > 0 || driver.ActivityEvents > 0 ? 1 : 0));
            if (trial.IsFall)
            {
                double peakIn = 0;
                for (int i = 0; i < trial.Length; i++)
                {
                    peakIn = Math.Max(peakIn, Math.Sqrt(trial.X[i] * trial.X[i] + trial.Y[i] * trial.Y[i] + trial.Z[i] * trial.Z[i]));
                }

                peakRatioSum += peakOut / peakIn;
                peakRatioCount++;
            }

            done++;
            if (done % 50 == 0 || done == files.Count)
            {
                _progress.WriteLine($"  {done}/{files.Count} trials");
            }
        }

        _out.WriteLine($"ADXL345 wake interrupts on SisFall ({files.Count} trials, {rate} Hz, free fall < {ffMg} mg for {ffMs} ms, activity > {actMg} mg dc)");
        _out.WriteLine("code   trials  free-fall  activity");
        foreach (var (activity, counts) in byCode)
        {
            _out.WriteLine($"{activity,-6} {counts.Trials,6} {counts.FreeFall,10} {counts.Activity,9}");
        }

        Summarize("falls (F..)", byCode.Where(kv => kv.Key.StartsWith('F')));
        Summarize("ADLs  (D..)", byCode.Where(kv => kv.Key.StartsWith('D')));
        if (peakRatioCount > 0)
        {
            _out.WriteLine($"fall impact peak after the chip at {rate} Hz / recorded 200 Hz peak: mean {peakRatioSum / peakRatioCount:F3}");
        }

        return 0;
    }

    private void Summarize(string label, IEnumerable<KeyValuePair<string, (int Trials, int FreeFall, int Activity, int Either)>> rows)
    {
        int trials = rows.Sum(r => r.Value.Trials);
        if (trials == 0)
        {
            return;
        }

        int ff = rows.Sum(r => r.Value.FreeFall);
        int act = rows.Sum(r => r.Value.Activity);
        _out.WriteLine($"{label}: free fall in {ff}/{trials} ({100.0 * ff / trials:F1} %), activity in {act}/{trials} ({100.0 * act / trials:F1} %), either in {rows.Sum(r => r.Value.Either)}");
    }
}
