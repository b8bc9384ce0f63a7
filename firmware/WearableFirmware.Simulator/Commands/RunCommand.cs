using System.CommandLine;
using System.Diagnostics;
using ScottPlot;
using WearableFirmware.Alarms;
using WearableFirmware.Application;
using WearableFirmware.Ble;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Ble;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.SimulatedBoard.Vitals;
using WearableFirmware.Vitals;

namespace WearableFirmware.Simulator.Commands;

/// <summary>
/// The firmware's main job without hardware: boots <see cref="WearableApplication"/> on the simulated board, plays a
/// wearer scenario through the chip models, and shows one line per second of what the device measures, what the
/// loop costs, and what the phone receives over the simulated BLE link.
/// </summary>
public sealed class RunCommand : Command
{
    private static readonly string[] Scenarios = ["rest-walk-sit", "fall", "fall-cancelled", "desaturation", "tachycardia", "sensor-off"];
    private static readonly string[] PairingModes = ["passkey", "wrong-passkey", "just-works", "none-window"];
    private static readonly string[] CaptureModes = ["all", "no-notifications", "off"];

    // What the simulated phone keeps of its lines and values (the run reports totals; older entries are dropped).
    private const int PhoneHistory = 4096;

    private readonly Option<string?> _scenario = Cli.Choice("--scenario", "wearer scenario (default rest-walk-sit: 2 min sitting, walking, sitting); desaturation, tachycardia and sensor-off raise the alarms the summary lists", "scenario", Scenarios);
    private readonly Option<string?> _recording = Cli.Text("--recording", "play a recorded PPG instead, from power-on, as the light on the MAX30102 (the wearer sits still): "
        + "a Welltory record folder or oximetry-phone-cam/data/ppg-csv/<hand>/<id>.csv; the status lines and plot compare with its reference "
        + "(chest strap, or oximeters); Welltory has one usable camera channel (red = IR), so its SpO2 means nothing; an OxiWear folder (ppg-redir/oxiwear) plays its test points joined in clock order "
        + "(OxiWearSequence: the gaps between them left out, levels equalised)", "path");
    private readonly Option<string?> _irChannel = PpgArguments.IrChannelOption();
    private readonly Option<string?> _calibration = Cli.InputFile("--calibration", "SpO2 calibration file from fit-spo2 (default: the device's MAX3010x curve)");
    private readonly Option<double?> _duration = Cli.Number("--duration", "simulated seconds (default: the scenario's length)", 1, 30 * 24 * 3600);
    private readonly Option<bool> _realtime = Cli.Flag("--realtime", "pace simulated time against the wall clock (1 s per s)");
    private readonly Option<double?> _speed = Cli.Number("--speed", "pace at x simulated seconds per wall second", 0.01, 1_000_000);
    private readonly Option<int?> _seed = Cli.Whole("--seed", "seed for every random source (default 1)", 0, int.MaxValue);
    private readonly Option<bool> _noPhone = Cli.Flag("--no-phone", "run without a phone (alerts and records wait for one)");
    private readonly Option<string?> _phoneAway = Cli.Text("--phone-away", "the phone is out of range from a to b seconds, then reconnects and fetches the "
        + "spot-checks it missed with RACP (spot-checks are taken every 20 s in this mode)", "a:b");
    private readonly Option<int?> _mtu = Cli.Whole("--mtu", "ATT MTU the phone asks for (23-517, default 185; the device offers 247, the smaller one is used)", 23, 517);
    private readonly Option<double?> _nack = Cli.Number("--nack", "share of I2C transfers the sensors do not acknowledge, in percent (fault injection, default 0)", 0, 50);
    private readonly Option<string?> _pairing = Cli.Choice("--pairing", "how the phone pairs: passkey (types the label's passkey, default), wrong-passkey "
        + "(mistypes it once, then types it right), just-works (a phone without a keyboard: Just Works, so every health characteristic "
        + "refuses it), none-window (the wearer did not hold the button at power-up: no pairing window, the device keeps the passkey)", "pairing", PairingModes);
    private readonly Option<string?> _btsnoop = Cli.OutputFile("--btsnoop", "BLE capture for Wireshark (default artifacts/sim/session.btsnoop)");
    private readonly Option<string?> _capture = Cli.Choice("--capture", "what goes into the BLE capture: all (default), no-notifications (connections, pairing, "
        + "requests, responses and indications: a month stays a few MB instead of hundreds), or off (no file)", "capture", CaptureModes);
    private readonly Option<string?> _plot = Cli.OutputFile("--plot", "PNG of heart rate and SpO2, measured against the simulated truth (default artifacts/sim/run.png)");

    public RunCommand()
        : base("run", "boot the firmware on the simulated board and run a scenario with a phone (default)")
    {
        foreach (Option option in new Option[] { _scenario, _recording, _irChannel, _calibration, _duration, _realtime, _speed, _seed, _noPhone, _phoneAway, _mtu, _nack, _pairing, _btsnoop, _capture, _plot })
        {
            Options.Add(option);
        }

        SetAction(Run);
    }

    private int Run(ParseResult args)
    {
        string? recordingPath = args.GetValue(_recording);
        if (recordingPath != null && args.GetValue(_scenario) != null)
        {
            throw new UsageException("--recording replaces --scenario: give one of them");
        }

        string scenarioName = args.GetValue(_scenario) ?? "rest-walk-sit";
        int seed = args.GetValue(_seed) ?? 1;
        char channel = PpgArguments.IrChannel(args.GetValue(_irChannel));
        string? calibrationFile = args.GetValue(_calibration);
        double? durationGiven = args.GetValue(_duration);
        bool realtime = args.GetValue(_realtime);
        double speed = args.GetValue(_speed) ?? (realtime ? 1 : 0);
        bool noPhone = args.GetValue(_noPhone);
        string? awayText = args.GetValue(_phoneAway);
        int mtu = args.GetValue(_mtu) ?? 185;
        double nack = args.GetValue(_nack) ?? 0;
        string capture = args.GetValue(_capture) ?? "all";
        if (capture == "off" && args.GetValue(_btsnoop) != null)
        {
            throw new UsageException("--btsnoop names a capture that --capture off does not write: give one of them");
        }

        string? snoopPath = capture == "off" ? null
            : OutputPaths.File(args.GetValue(_btsnoop) ?? Path.Combine("artifacts", "sim", "session.btsnoop"), "--btsnoop");
        string plotPath = OutputPaths.File(args.GetValue(_plot) ?? Path.Combine("artifacts", "sim", "run.png"), "--plot");
        string pairing = args.GetValue(_pairing) ?? "passkey";
        if (noPhone && awayText != null)
        {
            throw new UsageException("--phone-away needs a phone (drop --no-phone)");
        }

        if (noPhone && args.GetValue(_mtu) != null)
        {
            throw new UsageException("--mtu needs a phone (drop --no-phone)");
        }

        OxiWearSequence? sequence = recordingPath != null && Directory.Exists(recordingPath)
            ? PpgArguments.ReadingData(() => OxiWearSequence.Load(recordingPath))
            : null;
        WearerScenario scenario = sequence != null
            ? WearerScenario.Recorded(sequence.Recording, seed)
            : recordingPath != null
            ? WearerScenario.Recorded(PpgArguments.ReadingData(() => PpgRecording.LoadPath(recordingPath, channel)), seed)
            : scenarioName switch
        {
            "fall" => WearerScenario.FallNotCancelled(seed),
            "fall-cancelled" => WearerScenario.FallCancelled(seed),
            "desaturation" => WearerScenario.Desaturation(seed),
            "tachycardia" => WearerScenario.TachycardiaAtRest(seed),
            "sensor-off" => WearerScenario.SensorOff(seed),
            _ => WearerScenario.RestWalkSit(seed),
        };
        double duration = durationGiven ?? scenario.DurationSeconds;
        (double From, double To)? away = ParseAway(awayText, duration);
        if (scenario.Recording != null)
        {
            scenarioName = scenario.Recording.Name;
        }

        var settings = new ApplicationSettings();
        if (sequence != null)
        {
            // Red and IR order known from the MAXM86161's registers: the driver's order check stays out (OxiWearFile).
            settings.Ppg = OxiWearFile.ReplaySettings();
        }

        if (calibrationFile != null)
        {
            settings.Vitals.Calibration = PpgArguments.ReadingData(() => SpO2CalibrationFile.Load(calibrationFile));
        }

        if (away != null)
        {
            settings.SpotCheckIntervalSeconds = 20;
        }

        var board = new SimulatedWearable(scenario, settings);
        board.PpgBus.NackProbability = nack / 100;
        board.MotionBus.NackProbability = nack / 100;
        if (speed > 0)
        {
            board.Clock.PaceAgainstWallClock(speed);
        }

        // The capture is written as the run goes (buffered stream), never held in memory.
        if (snoopPath != null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(snoopPath))!);
        }

        using FileStream? snoopFile = snoopPath == null ? null : File.Create(snoopPath);
        using BtSnoopWriter? snoop = snoopFile == null ? null : new BtSnoopWriter(snoopFile);
        var link = new BleLink(board.Server, board.Clock, snoop) { CaptureNotifications = capture == "all" };
        var phone = board.NewPhone("phone", [0x5A, 0x3E, 0x10, 0x22, 0x07, 0x91], mtu);
        phone.HistoryLimit = PhoneHistory;
        ConfigurePairing(pairing, phone, board);
        var caregiver = new CaregiverApp(phone, board);
        board.Server.Security.Log += (_, line) => Console.WriteLine($"t={board.Clock.NowMicroseconds / 1e6,6:F1} s  device | pairing: {line}");
        phone.LineShown += line => Console.WriteLine($"t={board.Clock.NowMicroseconds / 1e6,6:F1} s  phone | {line}");

        Console.WriteLine($"{FirmwareIdentity.Model} firmware {FirmwareIdentity.FirmwareRevision} on the simulated board: {(scenario.Recording != null ? "recording" : "scenario")} {scenarioName}, "
            + $"{duration:F0} s, seed {seed}{(nack > 0 ? $", {nack}% I2C NACKs" : "")}");
        Console.WriteLine("scenario: " + string.Join(", ", scenario.Timeline.Select(t => $"{t.Seconds:F0} s {t.Name}")));
        bool sensorsOk = board.Boot(pairingGesture: pairing != "none-window");
        if (board.Pairing.PasskeyCreated)
        {
            // The console shows a new passkey once, at the boot that drew it; afterwards only the label has it.
            Console.WriteLine($"first boot: pairing passkey {PairingPasskey.Format(board.Pairing.Passkey)} drawn and stored; label: {board.Label}");
        }

        Console.WriteLine(board.Pairing.IsPairingWindowOpen(board.Clock.NowMicroseconds)
            ? $"pairing window open for {BlePairingPolicy.PairingWindowSeconds} s (button held at power-up)"
            : "no pairing window (button not held at power-up): bonded phones only");
        Console.WriteLine(sensorsOk
            ? $"boot: MAX30102 part 0x{board.App.Ppg.PartIdRead:X2} rev {board.App.Ppg.RevisionIdRead}, ADXL345 ok; record store holds {board.App.Store.Count(1, int.MaxValue, WearableFirmware.Storage.RecordType.SpotCheck)} spot-checks"
            : $"boot: a sensor failed its self-check: {board.App.Ppg.DescribeLastError()} / {board.App.Accelerometer.DescribeLastError()}");

        if (!noPhone)
        {
            phone.StartHealthSession(link);
            phone.Write("2a2b", PhoneDecoders.EncodeCurrentTime(new DateTime(2026, 11, 24, 9, 30, 0)));
        }

        var trace = new RunTrace();
        var host = Stopwatch.StartNew();
        bool phoneAway = false;
        bool phoneBack = false;
        for (int second = 1; second <= (int)Math.Ceiling(duration); second++)
        {
            if (away is { } window && !noPhone && !phoneBack)
            {
                if (!phoneAway && second > window.From)
                {
                    Console.WriteLine($"t={board.Clock.NowMicroseconds / 1e6,6:F1} s  phone out of range");
                    phone.Disconnect();
                    phoneAway = true;
                }
                else if (phoneAway && second > window.To)
                {
                    phoneAway = false;
                    phoneBack = true;
                    phone.ResumeHealthSession(link);
                    caregiver.FetchStoredRecords();
                }
            }

            board.RunUntil(Math.Min(second, duration));
            caregiver.Tick();
            VitalsReading r = board.App.VitalsPublisher.LastReading;
            var truth = WearerScenario.TruthOf(board.PpgSignal) ?? (double.NaN, double.NaN, true);
            trace.Add(second, r, truth.HeartRate, truth.SpO2, truth.OnSkin);
            Console.WriteLine(StatusLine(board, r, truth));
        }

        host.Stop();
        string truthName = scenario.Recording == null ? "simulated truth"
            : scenario.Recording.DataSet == PpgDataSet.Welltory ? "chest strap (8 s mean)" : "oximeters";
        SavePlot(plotPath, scenarioName, truthName, trace);
        PrintSummary(board, phone, trace, host.Elapsed, snoopPath, plotPath);
        return 0;
    }

    // What the phone's user does when the phone asks for the passkey.
    private static void ConfigurePairing(string mode, SimulatedPhone phone, SimulatedWearable board)
    {
        if (mode == "just-works")
        {
            phone.Security.IoCapability = SmpCode.NoInputNoOutput;
        }
        else if (mode == "wrong-passkey")
        {
            int typed = 0;
            phone.Security.PasskeyEntry = () => typed++ == 0 ? (board.Pairing.Passkey + 1) % PairingPasskey.Range : board.Pairing.Passkey;
        }
    }

    private static (double, double)? ParseAway(string? text, double duration)
    {
        if (text == null)
        {
            return null;
        }

        string[] parts = text.Split(':');
        if (parts.Length != 2 || !double.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out double a)
            || !double.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out double b)
            || !double.IsFinite(a) || !double.IsFinite(b) || a < 0 || b <= a || b >= duration)
        {
            throw new UsageException($"--phone-away wants start:end seconds inside the run, start < end (got '{text}')");
        }

        return (a, b);
    }

    private static string StatusLine(SimulatedWearable board, VitalsReading r, (double HeartRate, double SpO2, bool OnSkin) truth)
    {
        var stats = board.App.Loop.Statistics;
        string hr = r.HeartRateValid ? $"HR {r.HeartRateBpm,5:F1}" : "HR   ---";
        string trueHr = double.IsNaN(truth.HeartRate) ? "  ---" : $"{truth.HeartRate,5:F1}";
        string trueSpO2 = double.IsNaN(truth.SpO2) ? "  ---" : $"{truth.SpO2,5:F1}";
        string spo2 = r.SpO2Valid ? $"SpO2 {r.SpO2Percent,5:F1} %" : "SpO2  --- %";
        string pi = r.PerfusionIndexValid ? $"PI {r.PerfusionIndexPercent,4:F1} %" : "PI  -- %";
        string quality = r.Quality == SignalQuality.Good ? "good" : r.Quality.ToString().ToLowerInvariant().Replace(", ", "+");
        string contact = r.Contact == SensorContact.Contact ? "on skin" : r.Contact == SensorContact.NoContact ? "off skin" : "contact?";
        float cadence = board.App.AccelerometerProcessingStage.CadenceStepsPerMinute;
        string motion = r.MotionQuestionable ? (cadence > 0 ? $" moving, {cadence:F0} steps/min" : " moving") : "";
        string alert = AlarmText(board);
        return $"t={board.Clock.NowMicroseconds / 1e6,6:F1} s  {hr} (true {trueHr})  {spo2} (true {trueSpO2})  {pi}  {quality,-12} {contact}{motion}"
            + $"  | loop {stats.Ticks} ticks, {stats.Overruns} overruns, lost {board.App.Ppg.Health.SamplesLost}/{board.App.Accelerometer.Health.SamplesLost}, "
            + $"I2C errors {board.App.Ppg.Health.TransferErrors}/{board.App.Accelerometer.Health.TransferErrors}{alert}";
    }

    /// <summary>The alarms as the wearer perceives them: what sounds (or is silenced) and why.</summary>
    private static string AlarmText(SimulatedWearable board)
    {
        var alarms = board.App.Alarms;
        if (board.Alarm.Signal == AlarmSignal.Fall)
        {
            return "  FALL ALARM";
        }

        if (alarms.HighestPriority == AlarmPriority.None)
        {
            return "";
        }

        var names = new List<string>();
        for (int c = 1; c <= AlarmConditions.Count; c++)
        {
            var condition = (AlarmCondition)c;
            AlarmPriority p = alarms.PriorityOf(condition);
            if (p == AlarmPriority.None)
            {
                continue;
            }

            int bit = AlarmConditions.Bit(condition);
            string state = (alarms.LatchedMask & bit) != 0 ? " latched" : (alarms.PausedMask & bit) != 0 ? " paused" : (alarms.AcknowledgedMask & bit) != 0 ? " acknowledged" : "";
            names.Add($"{PhoneDecoders.AlarmConditionName(c)} {p.ToString().ToLowerInvariant()}{state}");
        }

        string sounding = board.Alarm.Sounding ? "ALARM " + board.Alarm.Signal.ToString().ToUpperInvariant() : "alarm silent";
        return $"  {sounding}: {string.Join(", ", names)}";
    }

    /// <summary>The alarm events of this run, in order, as one line each (time to the loop tick).</summary>
    public static List<string> AlarmEventLines(SimulatedWearable board) => board.AlarmLog.Events.Select(e =>
    {
        string what = e.Kind switch
        {
            AlarmEventKind.Paused => $"audio paused {e.DurationSeconds} s: {PhoneDecoders.AlarmConditionList(e.Conditions)}",
            AlarmEventKind.Acknowledged => "acknowledged: " + PhoneDecoders.AlarmConditionList(e.Conditions),
            AlarmEventKind.SettingsChanged => "limits changed",
            _ => $"{PhoneDecoders.AlarmConditionName((int)e.Condition)} {PhoneDecoders.AlarmKindName((int)e.Kind)} "
                + $"({e.Priority.ToString().ToLowerInvariant()}{(e.Latched ? ", latched" : "")})"
                + (float.IsNaN(e.Value) ? "" : $" at {e.Value:F1}") + (float.IsNaN(e.Limit) ? "" : $" (limit {e.Limit:F0})")
                + (e.Kind == AlarmEventKind.Ended ? $" after {e.DurationSeconds} s" : ""),
        };
        return $"t={e.AtMicroseconds / 1e6,7:F2} s  {what}";
    }).ToList();

    private static void SavePlot(string path, string scenario, string truthName, RunTrace run)
    {
        IReadOnlyList<RunTrace.Point> trace = run.Points;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        double[] t = trace.Select(x => x.T).ToArray();
        Plot heart = multiplot.GetPlot(0);
        var trueHr = heart.Add.ScatterLine(t, trace.Select(x => x.TrueHr).ToArray());
        trueHr.LegendText = truthName;
        var hr = heart.Add.ScatterLine(t, trace.Select(x => x.Reading.HeartRateValid ? (double)x.Reading.HeartRateBpm : double.NaN).ToArray());
        hr.LegendText = "firmware (valid readings)";
        heart.Title($"{scenario}: heart rate");
        heart.YLabel("bpm");
        heart.ShowLegend(Edge.Bottom);
        Plot oxygen = multiplot.GetPlot(1);
        var trueSpO2 = oxygen.Add.ScatterLine(t, trace.Select(x => x.TrueSpO2).ToArray());
        trueSpO2.LegendText = truthName;
        var spo2 = oxygen.Add.ScatterLine(t, trace.Select(x => x.Reading.SpO2Valid ? (double)x.Reading.SpO2Percent : double.NaN).ToArray());
        spo2.LegendText = "firmware (valid readings)";
        oxygen.Title("SpO2");
        oxygen.YLabel("%");
        oxygen.XLabel("time (s)");
        oxygen.ShowLegend(Edge.Bottom);
        multiplot.SavePng(path, 1100, 800);
    }

    private static void PrintSummary(SimulatedWearable board, SimulatedPhone phone, RunTrace trace, TimeSpan host, string? snoopPath, string plotPath)
    {
        var app = board.App;
        var stats = app.Loop.Statistics;
        Console.WriteLine();
        Console.WriteLine($"summary: {trace.Seconds} simulated s in {host.TotalSeconds:F2} s of host time ({trace.Seconds / Math.Max(host.TotalSeconds, 1e-3):F0}x real time)");
        Console.WriteLine($"  vitals   HR valid {Percent(trace.HeartRateCompared, trace.Worn)} of worn time, MAE {trace.HeartRateMae:F2} bpm; "
            + $"SpO2 valid {Percent(trace.SpO2Compared, trace.Worn)}, Arms {trace.SpO2Arms:F2} %");
        Console.WriteLine($"  loop     {stats.Ticks} ticks of {app.Loop.Settings.PeriodMicroseconds / 1000} ms, {stats.Overruns} overruns, {stats.MissedTicks} missed, "
            + $"{stats.PublishDeferrals} publish deferrals, {stats.TaskFaults} task faults, worst lateness {stats.WorstLatenessMicroseconds} us, "
            + $"watchdog fed {board.Watchdog.Feeds} times (longest gap {board.Watchdog.LongestGapMicroseconds / 1000} ms)");
        Console.WriteLine($"  sensors  MAX30102 {app.Ppg.Health.State}, {app.Ppg.Health.SamplesLost} samples lost, {app.Ppg.Health.TransferErrors} I2C errors, "
            + $"{app.Ppg.Health.Recoveries} recoveries; ADXL345 {app.Accelerometer.Health.State}, {app.Accelerometer.Health.SamplesLost} lost, {app.Accelerometer.Health.TransferErrors} I2C errors");
        Console.WriteLine($"  power    PPG LEDs at off-wrist currents for {app.OffWristPower.ReducedMicroseconds / 1e6:F0} s ({app.OffWristPower.Reductions} times down, "
            + $"{app.OffWristPower.Restorations} restored, {app.OffWristPower.FailedChanges} failed changes); now red {app.Ppg.RedPulseAmplitude * 0.2:F1} mA, IR {app.Ppg.IrPulseAmplitude * 0.2:F1} mA");
        var alarmEvents = AlarmEventLines(board);
        Console.WriteLine($"  alarms   {alarmEvents.Count} alarm events ({app.AlarmBridge.EventsStored} stored, {app.AlarmBridge.StoreFailures} not), now: "
            + (app.Alarms.HighestPriority == AlarmPriority.None ? "none" : AlarmText(board).Trim()));
        foreach (string line in alarmEvents)
        {
            Console.WriteLine("           " + line);
        }

        Console.WriteLine($"  alerts   {app.AccelerometerProcessingStage.FallsDetected} falls detected, fall alarm sounded {board.Alarm.Episodes.Count(e => e.Signal == AlarmSignal.Fall)} times, "
            + $"{app.Alerts.PendingCount} alerts waiting for the phone, {app.Alerts.DroppedCount} dropped");
        Console.WriteLine($"  store    {app.SpotChecks.Stored} spot-checks stored this run, {app.Store.CountUndelivered(WearableFirmware.Storage.RecordType.SpotCheck)} not yet delivered to a phone, "
            + $"{app.Store.DroppedRecords} dropped, {app.Store.CorruptAtMount} corrupt at mount");
        Console.WriteLine($"  phone    {phone.LinesShownTotal} lines shown, {phone.ValuesReceivedTotal} values received");
        Console.WriteLine($"  files    {(snoopPath == null ? "no BLE capture (--capture off)" : $"BLE capture {snoopPath} (open in Wireshark)")}, plot {plotPath}");
        Console.WriteLine($"  host     peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB");
    }

    private static string Percent(int part, int whole) => whole == 0 ? "n/a" : $"{100.0 * part / whole:F0} %";

    /// <summary>What the caregiver's phone app does beyond showing values: acknowledges fall alerts, fetches stored records.</summary>
    private sealed class CaregiverApp
    {
        private const string FallEvent = "584b0002-5c8b-44d3-94b7-4836cbf4bcd4";
        private const string AlertControl = "584b0004-5c8b-44d3-94b7-4836cbf4bcd4";
        private readonly SimulatedPhone phone;
        private readonly SimulatedWearable board;

        // Values since the last tick, in order (the phone keeps only a bounded history, so no index into it).
        private readonly Queue<(ushort Handle, byte[] Value)> _arrived = new();

        public CaregiverApp(SimulatedPhone phone, SimulatedWearable board)
        {
            this.phone = phone;
            this.board = board;
            phone.ValueReceived += (handle, _, value) => _arrived.Enqueue((handle, value));
        }

        public void Tick()
        {
            if (!phone.IsConnected)
            {
                return;
            }

            PhoneCharacteristic fallEvent = phone.Find(FallEvent);
            while (_arrived.TryDequeue(out var arrived))
            {
                var (handle, value) = arrived;
                // Confirmed (2) and manual (4) alerts need a human: the caregiver acknowledges them.
                if (handle == fallEvent.ValueHandle && value.Length >= 3 && (value[2] == 2 || value[2] == 4))
                {
                    phone.Write(AlertControl, [0x01, value[0], value[1]]);
                }
            }
        }

        public void FetchStoredRecords()
        {
            long before = phone.ValuesReceivedTotal;
            byte code = phone.Write("2a52", [0x01, 0x01]); // Report Stored Records, all
            if (code != 0)
            {
                Console.WriteLine($"t={board.Clock.NowMicroseconds / 1e6,6:F1} s  phone | RACP request refused with ATT error 0x{code:X2}");
                return;
            }

            // The firmware sends one record per loop tick once the previous one is confirmed.
            for (int i = 0; i < 2000 && board.App.RecordAccess.ProcedureInProgress; i++)
            {
                board.RunTicks(1);
            }

            Console.WriteLine($"t={board.Clock.NowMicroseconds / 1e6,6:F1} s  phone | RACP: fetched stored records ({phone.ValuesReceivedTotal - before} indications)");
        }
    }
}
