using System.CommandLine;
using WearableFirmware.Ble;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Ble;
using WearableFirmware.Time;

namespace WearableFirmware.Simulator.Commands;

/// <summary>
/// A BLE session between the simulated wearable and a simulated phone, with synthetic vitals and one fall:
/// the phone bonds, sets the clock, subscribes, and prints what the health app shows; the radio traffic is
/// written to a btsnoop capture for Wireshark.
/// </summary>
public sealed class BleSessionCommand : Command
{
    private readonly Option<double?> _duration = Cli.Number("--duration", "simulated seconds (default 90)", 10, 24 * 3600);
    private readonly Option<string?> _btsnoop = Cli.OutputFile("--btsnoop", "capture file (default ble-session.btsnoop); open it in Wireshark");
    private readonly Option<int?> _mtu = Cli.Whole("--mtu", "ATT MTU the phone asks for (23-517, default 185)", 23, 517);
    private readonly Option<int?> _seed = Cli.Whole("--seed", "seed for the synthetic vitals (default 1)", 0, int.MaxValue);

    public BleSessionCommand()
        : base("ble", "phone session over the BLE profile (synthetic vitals, a fall) with a btsnoop capture")
    {
        foreach (Option option in new Option[] { _duration, _btsnoop, _mtu, _seed })
        {
            Options.Add(option);
        }

        SetAction(Run);
    }

    private int Run(ParseResult args)
    {
        double duration = args.GetValue(_duration) ?? 90;
        string path = OutputPaths.File(args.GetValue(_btsnoop) ?? "ble-session.btsnoop", "--btsnoop");
        int mtu = args.GetValue(_mtu) ?? 185;
        int seed = args.GetValue(_seed) ?? 1;

        var random = new Random(seed);
        var clock = new VirtualClock();
        var wallClock = new WallClock(clock);
        var profile = new HealthProfile(wallClock, [0x24, 0x6F, 0x28, 0x1A, 0x2B, 0x3C]);
        var server = new SimulatedGattServer(profile, FirmwareIdentity.Model);
        var pairing = new BondManager(new SimulatedPasskeyFile(), new SeededRandomSource(seed), server.Bonds);
        pairing.Provision();
        pairing.OpenPairingWindow(clock.NowMicroseconds);
        server.Security.Firmware = pairing;
        Console.WriteLine($"device passkey (label) {PairingPasskey.Format(pairing.Passkey)}; pairing window open for {BlePairingPolicy.PairingWindowSeconds} s");
        using var file = File.Create(path);
        using var snoop = new BtSnoopWriter(file);
        var link = new BleLink(server, clock, snoop);
        var phone = new SimulatedPhone("phone", [0x5A, 0x3E, 0x10, 0x22, 0x07, 0x91], mtu);
        phone.Security.PasskeyEntry = () => pairing.Passkey;
        phone.LineShown += line => Console.WriteLine($"t={clock.NowMicroseconds / 1e6,6:F1} s  phone | {line}");

        profile.Battery.SetLevel(93);
        phone.StartHealthSession(link);
        phone.Write("2a2b", PhoneDecoders.EncodeCurrentTime(new DateTime(2026, 11, 24, 9, 30, 0)));

        double heartRate = 72;
        double nextBeat = 0.8;
        int fallId = 0;
        long end = (long)(duration * 1_000_000);
        for (long second = 1; second * 1_000_000 <= end; second++)
        {
            // Beats within this second: RR intervals from a slowly wandering rate with beat-to-beat jitter.
            while (nextBeat < second)
            {
                double rr = 60.0 / heartRate + (random.NextDouble() - 0.5) * 0.04;
                profile.HeartRate.AddRrIntervalMilliseconds((int)(rr * 1000));
                nextBeat += rr;
            }

            clock.SleepMicroseconds(second * 1_000_000 - clock.NowMicroseconds);
            heartRate = Math.Clamp(heartRate + (random.NextDouble() - 0.5) * 2, 55, 110);
            float spo2 = (float)Math.Round(97 + (random.NextDouble() - 0.5) * 2, 1);
            profile.HeartRate.NotifyMeasurement((int)Math.Round(heartRate), true);
            if (second % 5 == 0)
            {
                profile.PulseOximeter.NotifyContinuous(spo2, (float)heartRate, PlxMeasurementStatus.MeasurementOngoing, 0, 2.1f);
            }

            if (second % 30 == 0)
            {
                profile.PulseOximeter.SendSpotCheck(spo2, (float)heartRate, wallClock.IsSet, wallClock.UnixSeconds, PlxMeasurementStatus.ValidatedData, 0, 2.1f, false);
                profile.Battery.SetLevel(93 - (int)(second / 30));
            }

            if (second == 40)
            {
                fallId++;
                heartRate = 95;
                profile.FallAlert.ReportEvent(fallId, FallEventKind.Detected, wallClock.IsSet ? FallAlertService.EventFlagCalendarTime : 0, wallClock.UnixSeconds, 3.4f, FallPosture.Lying, 95f, 96.5f);
            }

            if (second == 55)
            {
                profile.FallAlert.ReportEvent(fallId, FallEventKind.Confirmed, wallClock.IsSet ? FallAlertService.EventFlagCalendarTime : 0, wallClock.UnixSeconds, 3.4f, FallPosture.Lying, (float)heartRate, spo2);
            }

            if (second == 60)
            {
                byte code = phone.Write(FallAlertService.AlertControlUuid, [FallAlertService.OpAcknowledge, (byte)fallId, (byte)(fallId >> 8)]);
                Console.WriteLine($"t={second,6:F1} s  phone | caregiver acknowledged the alarm ({(code == 0 ? "accepted" : $"ATT error 0x{code:X2}")})");
            }

            if (second == 70)
            {
                phone.Disconnect();
                Console.WriteLine($"t={second,6:F1} s  phone | out of range (disconnected)");
            }

            if (second == 75)
            {
                bool encrypted = phone.Reconnect(link);
                phone.ExchangeMtu();
                Console.WriteLine($"t={second,6:F1} s  phone | reconnected{(encrypted ? ", encrypted with the bond's keys; subscriptions kept by the bond" : " WITHOUT encryption")}");
            }
        }

        phone.Disconnect();
        Console.WriteLine($"btsnoop capture: {Path.GetFullPath(path)} ({snoop.Records} records); open it in Wireshark (File > Open)");
        return 0;
    }
}
