using System.Diagnostics;
using WearableFirmware.Tests.Repository;
using Xunit;

namespace WearableFirmware.Tests.Simulator;

/// <summary>The simulator as a user runs it: a separate process, its exit codes, its output and its files.</summary>
public class SimulatorProcessTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sim-run-" + Guid.NewGuid().ToString("N"));

    public SimulatorProcessTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Simulator(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WearableFirmware.Simulator.dll"));
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process p = Process.Start(start)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(120_000), "simulator did not finish");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Help_lists_the_commands_and_exits_zero()
    {
        var (code, output, _) = Simulator("--help");
        Assert.Equal(0, code);
        Assert.Contains("run ", output);
        Assert.Contains("eval-falls", output);
        Assert.Contains("eval-ppg", output);
    }

    [Theory]
    [InlineData("run --bogus 1", "unknown option --bogus")]
    [InlineData("run --scenario nope", "unknown scenario 'nope'")]
    [InlineData("run --duration -5", "--duration must be a number")]
    [InlineData("run --duration NaN", "--duration must be a number")]
    [InlineData("run --phone-away 50:10", "--phone-away wants start:end")]
    [InlineData("run --recording /nonexistent", "not a PPG recording: /nonexistent")]
    [InlineData("run --recording x --scenario fall", "--recording replaces --scenario")]
    [InlineData("fly", "unknown command 'fly'")]
    public void Bad_arguments_exit_two_with_a_clear_error(string args, string message)
    {
        var (code, _, error) = Simulator(args.Split(' '));
        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public void The_default_run_boots_measures_and_writes_its_capture_and_plot()
    {
        string snoop = Path.Combine(_dir, "s.btsnoop");
        string plot = Path.Combine(_dir, "p.png");

        var (code, output, error) = Simulator("run", "--duration", "20", "--btsnoop", snoop, "--plot", plot);

        Assert.True(code == 0, error);
        Assert.Contains("boot: MAX30102 part 0x15", output);
        Assert.Contains("phone | connected", output);
        Assert.Contains("t=  20.0 s  HR ", output);
        Assert.Contains("summary: 20 simulated s", output);
        Assert.Equal("btsnoop\0"u8.ToArray(), File.ReadAllBytes(snoop).Take(8).ToArray());
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(plot).Take(4).ToArray());

        // The capture holds the Security Manager exchange (CID 0x0006) with MITM and SC set, and its confirm values
        // open with the passkey the console showed once at this first boot.
        var passkeyLine = System.Text.RegularExpressions.Regex.Match(output, @"first boot: pairing passkey (\d{6}) drawn");
        Assert.True(passkeyLine.Success, output);
        var smp = Ble.SmpCapture.Channel(Ble.SmpCapture.Records(File.ReadAllBytes(snoop)), 0x0006);
        Assert.Equal(smp.Count, Ble.SmpCapture.AssertPasskeyPairing(smp, int.Parse(passkeyLine.Groups[1].Value)));
        // The static passkey's weakness (hardware-notes/security.md): one recorded pairing gives it away.
        Assert.Equal(int.Parse(passkeyLine.Groups[1].Value), Ble.SmpCapture.RecoverPasskey(smp));
        Assert.Contains("phone | paired: Passkey Entry, bonded", output);
    }

    [Theory]
    [InlineData("wrong-passkey", "device | pairing: confirm value failed in round", "phone | paired: Passkey Entry, bonded")]
    [InlineData("just-works", "phone | paired: Just Works, bonded", "failed with ATT error 0x05")]
    [InlineData("none-window", "passkey not given (WindowClosed)", "pairing failed: no answer from the device")]
    public void Pairing_scenarios_show_what_the_phone_gets(string mode, string expected, string alsoExpected)
    {
        var (code, output, error) = Simulator("run", "--duration", "3", "--pairing", mode, "--btsnoop", Path.Combine(_dir, "s.btsnoop"), "--plot", Path.Combine(_dir, "p.png"));
        Assert.True(code == 0, error);
        Assert.Contains(expected, output);
        Assert.Contains(alsoExpected, output);
    }

    // --mtu came over from the retired `ble` command: the phone asks for it, the device offers 247, the smaller one holds.
    [Theory]
    [InlineData(23, 23)]
    [InlineData(517, 247)]
    public void Run_with_mtu_exchanges_it_and_keeps_every_pdu_within_it(int asked, int agreed)
    {
        string snoop = Path.Combine(_dir, "s.btsnoop");
        var (code, output, error) = Simulator("run", "--duration", "20", "--mtu", asked.ToString(), "--btsnoop", snoop, "--plot", Path.Combine(_dir, "p.png"));

        Assert.True(code == 0, error);
        Assert.Contains($"phone | connected, ATT MTU {agreed}", output);
        Assert.Matches(@"phone \| Heart rate \d+ bpm \(on skin\)  RR \d+", output);
        Assert.Matches(@"phone \| SpO2 9\d\.\d %  pulse \d+ bpm", output);
        var att = Ble.SmpCapture.Channel(Ble.SmpCapture.Records(File.ReadAllBytes(snoop)), 0x0004);
        Assert.True(att[0].FromPhone);
        Assert.Equal([0x02, (byte)asked, (byte)(asked >> 8)], att[0].Pdu);   // Exchange MTU Request
        Assert.False(att[1].FromPhone);
        Assert.Equal([0x03, 247, 0], att[1].Pdu);                             // Exchange MTU Response: the device's 247
        Assert.Contains(att, a => a is { FromPhone: false, Pdu: [0x1B, ..] });   // notifications arrived
        Assert.All(att, a => Assert.True(a.Pdu.Length <= agreed, $"ATT PDU 0x{a.Pdu[0]:X2} of {a.Pdu.Length} bytes over MTU {agreed}"));
    }

    [Fact]
    public void Run_refuses_mtu_without_a_phone()
    {
        var (code, _, error) = Simulator("run", "--no-phone", "--mtu", "23");
        Assert.Equal(2, code);
        Assert.Contains("--mtu needs a phone", error);
    }

    [Fact]
    public void The_desaturation_run_lists_its_alarms_in_the_summary()
    {
        var (code, output, error) = Simulator("run", "--scenario", "desaturation", "--no-phone", "--btsnoop", Path.Combine(_dir, "s.btsnoop"),
            "--plot", Path.Combine(_dir, "p.png"));

        Assert.True(code == 0, error);
        Assert.Contains("alarms   4 alarm events (4 stored, 0 not), now: none", output);
        Assert.Matches(@"t= +\d+\.\d\d s  SpO2 low started \(medium\)", output);
        Assert.Contains("SpO2 low escalated (high)", output);
        Assert.Contains("SpO2 low ended (high, latched)", output);
        Assert.Contains("acknowledged: SpO2 low", output);
        Assert.Contains("ALARM HIGH: SpO2 low high", output); // a status line while it sounds
    }

    [Fact]
    public void Eval_alarms_scores_the_scenarios_without_data()
    {
        var (code, output, error) = Simulator("eval-alarms", "--seeds", "1", "--no-plots");

        Assert.True(code == 0, error);
        Assert.Contains("stated delay: condition delay + estimator averaging + publication = 10 + 6 + 1 = 17 s", output);
        Assert.Matches(@"desaturation:\s+SpO2 < 90 % \(medium\)\s+1 of 1 episodes alarmed within the stated delay", output);
        Assert.Contains("sensor off (low): 1 of 1 raised", output);
        Assert.DoesNotContain("recordings", output);
    }

    [SkippableFact]
    public void A_recorded_ppg_runs_through_the_firmware_and_is_compared_with_its_chest_strap()
    {
        string record = Path.Combine(RepoPaths.SharedData, "ppg", "welltory", "data", "subject_05");
        Skip.IfNot(Directory.Exists(record), "recorded PPG not found at " + record + " (../shared/data beside the repository)");
        string plot = Path.Combine(_dir, "p.png");

        var (code, output, error) = Simulator("run", "--recording", record, "--no-phone", "--btsnoop", Path.Combine(_dir, "s.btsnoop"), "--plot", plot);

        Assert.True(code == 0, error);
        Assert.Contains("recording welltory/subject_05, 83 s", output);
        Assert.Contains("t=  10.0 s  HR ", output);
        // eval-ppg on this record (same path, plus the loop): MAE 1.27 bpm, valid 98.8 % of the seconds with a reference.
        var summary = System.Text.RegularExpressions.Regex.Match(output, @"HR valid (\d+) % of worn time, MAE ([\d.]+) bpm");
        Assert.True(summary.Success, output);
        Assert.InRange(int.Parse(summary.Groups[1].Value), 95, 100);
        Assert.InRange(double.Parse(summary.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 0, 1.6);
        Assert.True(File.Exists(plot));
    }
}
