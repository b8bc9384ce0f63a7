using System.CommandLine;
using System.Globalization;
using WearableFirmware.Application;
using WearableFirmware.Simulator.Evaluation;
using WearableFirmware.Vitals;

namespace WearableFirmware.Simulator.Commands;

/// <summary>Scores the firmware's heart rate while the wearer moves on the IEEE SP Cup 2015 recordings.</summary>
public sealed class EvalPpgMotionCommand : Command
{
    // The help texts state the shipped settings' values, read from them.
    private static readonly MotionHeartRateSettings Defaults = new MotionHeartRateSettings();

    private readonly Argument<string> _data = Cli.DataDirectory("the SP Cup data folder (e.g. ../shared/data/ppg-motion/spcup2015/Training_data)");
    private readonly Option<string?> _out = Cli.OutputDirectory("--out", "where the PNG per recording goes (default artifacts/eval-ppg-motion)");
    private readonly Option<bool> _noPlots = Cli.Flag("--no-plots", "skip the PNGs");
    private readonly Option<int?> _taps = Cli.Whole("--taps", $"adaptive canceller taps per axis (default {Defaults.CancellerTaps})", 0, 64);
    private readonly Option<double?> _step = Cli.Number("--step", $"canceller step size (default {Cli.Invariant(Defaults.CancellerStep)})", 0, 1);
    private readonly Option<int?> _averaged = Cli.Whole("--averaged", $"spectra in the Wiener filter (default {Defaults.SpectraAveraged})", 1, 16);
    private readonly Option<int?> _motionEvery = Cli.Whole("--motion-every", $"accelerometer spectra every n updates (default {Defaults.MotionSpectrumEvery})", 1, 16);
    private readonly Option<int?> _periodMs = Cli.Whole("--period-ms", $"analysis sample period in ms (default {Defaults.AnalysisPeriodMs} = {Cli.Invariant(1000f / Defaults.AnalysisPeriodMs)} Hz)", 10, 125);
    private readonly Option<double?> _penalty = Cli.Number("--penalty", $"evidence removed at motion peaks, 0-1 (default {Cli.Invariant(Defaults.MotionPenalty)})", 0, 1);
    private readonly Option<double?> _memory = Cli.Number("--memory", $"tracker memory per update, 0-1 (default {Cli.Invariant(Defaults.TrackMemory)})", 0.01, 1);
    private readonly Option<double?> _stepCost = Cli.Number("--step-cost", $"tracker cost of a one-bin move (default {Cli.Invariant(Defaults.TrackStepCost)})", 0, 100);
    private readonly Option<int?> _spectrum = Cli.Whole("--spectrum", $"transform length at the analysis rate, power of two (default {Defaults.SpectrumSize})", 64, 4096);
    private readonly Option<int?> _trackBins = Cli.Whole("--track-bins", $"largest move of the track per update in bins (default {Defaults.TrackStepBins})", 0, 32);
    private readonly Option<int?> _holdBins = Cli.Whole("--hold-bins", $"the shown rate stays within this many bins unless another track leads (default {Defaults.OutputNeighbourhoodBins})", 0, 32);
    private readonly Option<double?> _switchMargin = Cli.Number("--switch-margin", $"lead another track needs to take over (default {Cli.Invariant(Defaults.SwitchMargin)})", 0, 100);
    private readonly Option<double?> _lineShare = Cli.Number("--line-share", $"the shown rate does not switch onto bins whose motion is at least this share of its peak (default {Cli.Invariant(Defaults.MotionLineSwitchShare)}; above 1: off)", 0, 100);
    private readonly Option<int?> _lineHold = Cli.Whole("--line-hold", $"updates the shown rate is held while its own bin is on a motion line (default {Defaults.MotionLineHoldUpdates}; 0: off)", 0, 64);
    private readonly Option<double?> _lineHoldRate = Cli.Number("--line-hold-rate", $"bpm per second the shown rate may move while held (default {Cli.Invariant(Defaults.MotionLineHoldBpmPerSecond)})", 0, 100);
    private readonly Option<double?> _harmonic = Cli.Number("--harmonic", $"share of the evidence at twice a rate added to it (default {Cli.Invariant(Defaults.HarmonicSupport)})", 0, 10);
    private readonly Option<bool> _irOnly = Cli.Flag("--ir-only", "the IR light's spectrum alone (default: IR and red spectra summed)");
    private readonly Option<bool> _lightAnchor = Cli.Flag("--light-anchor", "beats also anchor a track that has none in light movement (default: only at rest)");
    private readonly Option<bool> _fromContact = Cli.Flag("--updates-from-contact", "spectral updates counted from contact and the filters' settling (default: the loop runs them in the tick that publishes each even second's reading)");
    private readonly Option<int?> _anchorRest = Cli.Whole("--anchor-rest", $"rest in seconds before beats re-anchor a track the spectra built while moving (default {Defaults.AnchorAfterRestSeconds})", 0, 3600);
    private readonly Option<int?> _startAgreement = Cli.Whole("--start-agreement", $"successive updates whose start candidates must agree before the track starts (default {Defaults.StartAgreementUpdates})", 1, 16);
    private readonly Option<int?> _startLimit = Cli.Whole("--start-limit", $"full-window updates after which the track starts without agreement (default {Defaults.StartDeferralLimit})", 1, 64);
    private readonly Option<string?> _only = Cli.Text("--only", "only the recordings whose names contain one of these (e.g. 02,10)", "a,b,..");
    private readonly Option<bool> _trace = Cli.Flag("--trace", "print every window of each recording: reference, shown, source, step rate, motion");
    private readonly Option<bool> _loro = Cli.Flag("--loro", "leave-one-recording-out: 27 settings (penalty x0.7/x1/x1.3 capped at 1, memory -0.05/0/+0.05 "
        + "capped at 0.99, step cost x0.7/x1/x1.3 around the values above) on every recording; each recording is scored with the set best "
        + "on the other recordings (first in grid order on ties)");

    public EvalPpgMotionCommand()
        : base("eval-ppg-motion", "score heart rate in motion on IEEE SP Cup 2015 wrist PPG + accelerometer recordings" + "\n\n" + "<dir>: the SP Cup training folder (DATA_xx_TYPEyy.mat + _BPMtrace.mat, or a folder holding Training_data/)\nor the test-set layout (TestData/TEST_Sxx_Tyy.mat, 5 rows, with TrueBPM/True_Sxx_Tyy.mat).\nEach recording plays through the whole firmware on the simulated board: PPG channel 1 as the MAX30102's\nIR light (channel 2 as red; both are green light, standing in), the accelerometer as the ADXL345's motion\n(gain set so the stillest stretches read 1 g), both sampled at the firmware's rates (100 sps, 50 Hz), the\ndrivers drained by the real sampling loop. The heart rate the vitals show at the end of every 8-s window\nis scored against the ECG's: MAE and RMSE with every window counted (no reading: the last one shown),\nthe share of windows with a valid reading, MAE over those; per recording and averaged over recordings.")
    {
        Arguments.Add(_data);
        foreach (Option option in new Option[] { _out, _noPlots, _taps, _step, _averaged, _motionEvery, _periodMs, _penalty, _memory, _stepCost, _spectrum, _trackBins, _holdBins, _switchMargin, _lineShare, _lineHold, _lineHoldRate, _harmonic, _irOnly, _lightAnchor, _fromContact, _anchorRest, _startAgreement, _startLimit, _only, _trace, _loro })
        {
            Options.Add(option);
        }

        SetAction(Run);
    }

    private int Run(ParseResult args)
    {
        string dir = args.GetValue(_data)!;
        string outDir = args.GetValue(_out) ?? Path.Combine("artifacts", "eval-ppg-motion");
        bool plots = !args.GetValue(_noPlots);
        var settings = new ApplicationSettings();
        MotionHeartRateSettings m = settings.Vitals.MotionHeartRate;
        m.CancellerTaps = args.GetValue(_taps) ?? m.CancellerTaps;
        m.CancellerStep = (float?)args.GetValue(_step) ?? m.CancellerStep;
        m.SpectraAveraged = args.GetValue(_averaged) ?? m.SpectraAveraged;
        m.MotionSpectrumEvery = args.GetValue(_motionEvery) ?? m.MotionSpectrumEvery;
        m.MotionPenalty = (float?)args.GetValue(_penalty) ?? m.MotionPenalty;
        m.TrackMemory = (float?)args.GetValue(_memory) ?? m.TrackMemory;
        m.TrackStepCost = (float?)args.GetValue(_stepCost) ?? m.TrackStepCost;
        m.AnalysisPeriodMs = args.GetValue(_periodMs) ?? m.AnalysisPeriodMs;
        m.SpectrumSize = args.GetValue(_spectrum) ?? m.SpectrumSize;
        m.TrackStepBins = args.GetValue(_trackBins) ?? m.TrackStepBins;
        m.OutputNeighbourhoodBins = args.GetValue(_holdBins) ?? m.OutputNeighbourhoodBins;
        m.SwitchMargin = (float?)args.GetValue(_switchMargin) ?? m.SwitchMargin;
        m.MotionLineSwitchShare = (float?)args.GetValue(_lineShare) ?? m.MotionLineSwitchShare;
        m.MotionLineHoldUpdates = args.GetValue(_lineHold) ?? m.MotionLineHoldUpdates;
        m.MotionLineHoldBpmPerSecond = (float?)args.GetValue(_lineHoldRate) ?? m.MotionLineHoldBpmPerSecond;
        m.HarmonicSupport = (float?)args.GetValue(_harmonic) ?? m.HarmonicSupport;
        m.AnchorAfterRestSeconds = args.GetValue(_anchorRest) ?? m.AnchorAfterRestSeconds;
        m.StartAgreementUpdates = args.GetValue(_startAgreement) ?? m.StartAgreementUpdates;
        m.StartDeferralLimit = args.GetValue(_startLimit) ?? m.StartDeferralLimit;
        m.SecondChannel = !args.GetValue(_irOnly) && m.SecondChannel;
        m.AnchorInLightMotion = args.GetValue(_lightAnchor) || m.AnchorInLightMotion;
        m.UpdateWithReadings = !args.GetValue(_fromContact) && m.UpdateWithReadings;
        string[] only = (args.GetValue(_only) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        bool trace = args.GetValue(_trace);
        bool loro = args.GetValue(_loro);
        IReadOnlyList<SpCupRecording> recordings = PpgArguments.ReadingData(() => SpCupRecording.LoadAll(dir, s => Console.Error.WriteLine(s)));
        if (only.Length > 0)
        {
            recordings = recordings.Where(r => only.Any(o => r.Name.Contains(o, StringComparison.Ordinal))).ToList();
            if (recordings.Count == 0)
            {
                throw new UsageException("--only matched no recording");
            }
        }
        if (loro)
        {
            return LeaveOneRecordingOut(recordings, settings);
        }

        if (plots)
        {
            OutputPaths.Directory(outDir, "--out");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"motion estimator: taps {m.CancellerTaps}, step {m.CancellerStep}, spectra averaged {m.SpectraAveraged}, penalty {m.MotionPenalty}, memory {m.TrackMemory}, step cost {m.TrackStepCost}"));
        Console.WriteLine("PPG: green light from the recordings standing in for the MAX30102's IR channel (the weaker one at the wrist)");
        Console.WriteLine();
        Console.WriteLine("recording          windows  MAE   RMSE  valid%  MAE valid  spectral%  SpO2 while moving%  acc gain");
        var scores = new MotionScore[recordings.Count];
        int done = 0;
        Parallel.For(0, recordings.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            MotionReplayResult result = MotionPpgReplay.Run(recordings[i], Clone(settings));
            if (result.PpgSamplesLost != 0 || result.MotionSamplesLost != 0)
            {
                throw new InvalidOperationException($"{recordings[i].Name}: the replay lost samples (PPG {result.PpgSamplesLost}, accelerometer {result.MotionSamplesLost})");
            }

            MotionScore s = MotionScore.Of(result);
            scores[i] = s;
            if (plots)
            {
                MotionPlot.Save(result, s, Path.Combine(outDir, s.Name + ".png"));
            }

            if (trace)
            {
                lock (scores)
                {
                    Console.WriteLine(Trace(result, s));
                }
            }

            int n = Interlocked.Increment(ref done);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Name,-18} {s.Windows,7} {s.Mae,5:F2} {s.Rmse,6:F2} {100 * s.ValidFraction,6:F1} {s.ValidMae,10:F2} {100 * s.SpectralFraction,10:F1} {100 * s.SpO2WhileMovingFraction,19:F1} {result.AccelerationGain,9:F3}   [{n}/{recordings.Count}]"));
        });

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mean of {scores.Length} recordings: MAE {scores.Average(s => s.Mae):F2} bpm, RMSE {scores.Average(s => s.Rmse):F2} bpm, valid {100 * scores.Average(s => s.ValidFraction):F1} %, MAE over valid windows {scores.Where(s => !double.IsNaN(s.ValidMae)).Select(s => s.ValidMae).DefaultIfEmpty(double.NaN).Average():F2} bpm"));
        int early = scores.Sum(s => s.BeforeFirstReading);
        if (early > 0)
        {
            Console.WriteLine($"{early} windows ended before the first heart-rate reading and were scored as 0 bpm");
        }

        if (plots)
        {
            Console.WriteLine("plots: " + Path.GetFullPath(outDir));
        }

        return 0;
    }

    /// <summary>
    /// Cross-validated MAE over a 3 x 3 x 3 grid of the tracker's main settings: each recording is scored with the
    /// set that has the lowest mean MAE on the other recordings, so no recording's figure was tuned on itself.
    /// </summary>
    private static int LeaveOneRecordingOut(IReadOnlyList<SpCupRecording> recordings, ApplicationSettings baseSettings)
    {
        if (recordings.Count < 2)
        {
            throw new UsageException("--loro needs at least two recordings");
        }

        MotionHeartRateSettings b = baseSettings.Vitals.MotionHeartRate;
        float[] penalties = { 0.7f * b.MotionPenalty, b.MotionPenalty, Math.Min(1f, 1.3f * b.MotionPenalty) };
        float[] memories = { b.TrackMemory - 0.05f, b.TrackMemory, Math.Min(0.99f, b.TrackMemory + 0.05f) };
        float[] stepCosts = { 0.7f * b.TrackStepCost, b.TrackStepCost, 1.3f * b.TrackStepCost };
        var sets = new List<ApplicationSettings>();
        foreach (float p in penalties)
        {
            foreach (float m in memories)
            {
                foreach (float c in stepCosts)
                {
                    ApplicationSettings s = Clone(baseSettings);
                    s.Vitals.MotionHeartRate.MotionPenalty = p;
                    s.Vitals.MotionHeartRate.TrackMemory = m;
                    s.Vitals.MotionHeartRate.TrackStepCost = c;
                    sets.Add(s);
                }
            }
        }

        int n = recordings.Count;
        var mae = new double[sets.Count, n];
        int done = 0, total = sets.Count * n;
        Parallel.For(0, total, new ParallelOptions { MaxDegreeOfParallelism = 2 }, k =>
        {
            int set = k / n, rec = k % n;
            mae[set, rec] = MotionScore.Of(MotionPpgReplay.Run(recordings[rec], Clone(sets[set]))).Mae;
            int d = Interlocked.Increment(ref done);
            if (d % n == 0)
            {
                Console.Error.WriteLine($"loro: {d}/{total} replays");
            }
        });

        Console.WriteLine("set  penalty memory step-cost  mean MAE");
        for (int s = 0; s < sets.Count; s++)
        {
            MotionHeartRateSettings m = sets[s].Vitals.MotionHeartRate;
            double mean = 0;
            for (int r = 0; r < n; r++)
            {
                mean += mae[s, r] / n;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s,3} {m.MotionPenalty,8:F3} {m.TrackMemory,6:F3} {m.TrackStepCost,9:F3} {mean,9:F2}"));
        }

        Console.WriteLine();
        Console.WriteLine("held out           chosen set (penalty memory step-cost)  train MAE  held-out MAE");
        double cv = 0;
        for (int held = 0; held < n; held++)
        {
            int best = 0;
            double bestMean = double.MaxValue;
            for (int s = 0; s < sets.Count; s++)
            {
                double mean = 0;
                for (int r = 0; r < n; r++)
                {
                    mean += r == held ? 0 : mae[s, r] / (n - 1);
                }

                if (mean < bestMean - 1e-9)
                {
                    best = s;
                    bestMean = mean;
                }
            }

            MotionHeartRateSettings m = sets[best].Vitals.MotionHeartRate;
            cv += mae[best, held] / n;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{recordings[held].Name,-18} {best,3} ({m.MotionPenalty:F3} {m.TrackMemory:F3} {m.TrackStepCost:F3}) {bestMean,13:F2} {mae[best, held],13:F2}"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"leave-one-recording-out MAE over {n} recordings: {cv:F2} bpm (the settings given, set 13: {Enumerable.Range(0, n).Average(r => mae[13, r]):F2})"));
        return 0;
    }

    private static string Trace(MotionReplayResult r, MotionScore s)
    {
        var b = new System.Text.StringBuilder();
        b.AppendLine(s.Name + ": t(s) reference shown error source step-rate moving level(g) anchored");
        for (int i = 0; i < r.Times.Length; i++)
        {
            VitalsReading v = r.Readings[i];
            string source = !v.HeartRateValid ? "held" : v.HeartRateFromSpectrum ? "spectrum" : "beats";
            b.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"  {r.Times[i],5:F0} {r.Recording.ReferenceBpm[i],6:F1} {s.Shown[i],6:F1} {s.Shown[i] - r.Recording.ReferenceBpm[i],6:F1} {source,-8} {r.StepRates[i],5:F0} {(r.Moving[i] ? 1 : 0)} {r.MotionLevels[i],5:F2} {(r.Anchored[i] ? 1 : 0)}"));
        }

        return b.ToString();
    }

    /// <summary>Each parallel replay gets its own settings (the vitals validate and keep them).</summary>
    private static ApplicationSettings Clone(ApplicationSettings s)
    {
        var c = new ApplicationSettings();
        MotionHeartRateSettings from = s.Vitals.MotionHeartRate, to = c.Vitals.MotionHeartRate;
        to.CancellerTaps = from.CancellerTaps;
        to.CancellerStep = from.CancellerStep;
        to.SpectraAveraged = from.SpectraAveraged;
        to.MotionSpectrumEvery = from.MotionSpectrumEvery;
        to.MotionPenalty = from.MotionPenalty;
        to.TrackMemory = from.TrackMemory;
        to.TrackStepCost = from.TrackStepCost;
        to.AnalysisPeriodMs = from.AnalysisPeriodMs;
        to.SpectrumSize = from.SpectrumSize;
        to.TrackStepBins = from.TrackStepBins;
        to.OutputNeighbourhoodBins = from.OutputNeighbourhoodBins;
        to.SwitchMargin = from.SwitchMargin;
        to.MotionLineSwitchShare = from.MotionLineSwitchShare;
        to.MotionLineHoldUpdates = from.MotionLineHoldUpdates;
        to.MotionLineHoldBpmPerSecond = from.MotionLineHoldBpmPerSecond;
        to.StartAgreementUpdates = from.StartAgreementUpdates;
        to.StartDeferralLimit = from.StartDeferralLimit;
        to.AnchorInLightMotion = from.AnchorInLightMotion;
        to.SecondChannel = from.SecondChannel;
        to.HarmonicSupport = from.HarmonicSupport;
        to.AnchorAfterRestSeconds = from.AnchorAfterRestSeconds;
        to.UpdateWithReadings = from.UpdateWithReadings;
        return c;
    }
}
