using WearableFirmware.SimulatedBoard.Ble;
using WearableFirmware.Simulator.Commands;
using WearableFirmware.Tests.Ble;
using WearableFirmware.Vitals;
using Xunit;

namespace WearableFirmware.Tests.Simulator;

/// <summary>
/// What a long `run` keeps in memory stays bounded however long it runs (issue 18 item 12: a 30-day run grew to 2.1 GB
/// holding every status reading and every value the phone received), and the capture can leave out notifications.
/// </summary>
public class RunMemoryTests
{
    private static VitalsReading Reading(float hr, float spo2) =>
        new() { HeartRateValid = true, HeartRateBpm = hr, SpO2Valid = true, SpO2Percent = spo2 };

    [Fact]
    public void The_run_trace_keeps_at_most_its_capacity_and_summarises_every_second()
    {
        var trace = new RunTrace(capacity: 64);
        int[] retained = new int[4];
        int[] lengths = [1_000, 10_000, 100_000, 1_000_000];
        int seconds = 0;
        for (int k = 0; k < lengths.Length; k++)
        {
            for (; seconds < lengths[k]; seconds++)
            {
                // HR 2 bpm over the truth every second; SpO2 3 % under it on odd seconds, exact on even ones.
                trace.Add(seconds, Reading(72, seconds % 2 == 1 ? 94 : 97), 70, 97, onSkin: true);
            }

            retained[k] = trace.Points.Count;
        }

        // The same number of points kept for a thousand seconds as for a million.
        Assert.All(retained, n => Assert.InRange(n, 32, 64));
        Assert.Equal(1_000_000, trace.Seconds);
        Assert.Equal(1_000_000, trace.Worn);
        Assert.Equal(2.0, trace.HeartRateMae, 9);
        Assert.Equal(Math.Sqrt(9 / 2.0), trace.SpO2Arms, 9);

        // Evenly spaced from the start: point i is second i * spacing.
        Assert.Equal(Enumerable.Range(0, trace.Points.Count).Select(i => (double)i * trace.Spacing), trace.Points.Select(p => p.T));
        Assert.True(trace.Points[^1].T + trace.Spacing >= 1_000_000 - trace.Spacing);
    }

    [Fact]
    public void The_phone_keeps_a_bounded_history_and_counts_everything()
    {
        var bench = new BleBench();
        var phone = bench.NewPhone();
        phone.StartHealthSession(bench.NewLink());
        phone.HistoryLimit = 10;
        long before = phone.ValuesReceivedTotal;
        var seen = new List<byte[]>();
        phone.ValueReceived += (_, _, value) => seen.Add(value);
        int[] retained = new int[3];
        for (int i = 0; i < 3000; i++)
        {
            bench.Clock.SleepMicroseconds(1_000_000);
            bench.Profile.HeartRate.NotifyMeasurement(60 + i % 100, true);
            if (i == 99 || i == 999 || i == 2999)
            {
                retained[i == 99 ? 0 : i == 999 ? 1 : 2] = phone.Received.Count;
            }
        }

        Assert.Equal(3000, phone.ValuesReceivedTotal - before);
        Assert.Equal(3000, seen.Count);
        Assert.All(retained, n => Assert.InRange(n, 10, 20));
        Assert.InRange(phone.Lines.Count, 10, 20);
        Assert.True(phone.LinesShownTotal >= 3000);
        // The newest value is the one kept last: 60 + 2999 % 100 = 159 bpm.
        Assert.Equal(159, phone.Received[^1].Value[1]);
    }

    [Fact]
    public void A_capture_without_notifications_keeps_indications_and_does_not_grow_with_them()
    {
        var stream = new MemoryStream();
        var bench = new BleBench(stream);
        var phone = bench.NewPhone(5);
        var link = bench.NewLink();
        link.CaptureNotifications = false;
        phone.StartHealthSession(link);
        int afterSetup = bench.Snoop!.Records;
        for (int i = 0; i < 100; i++)
        {
            bench.Clock.SleepMicroseconds(1_000_000);
            bench.Profile.HeartRate.NotifyMeasurement(70, true);
        }

        Assert.Equal(afterSetup, bench.Snoop.Records);
        bench.Profile.PulseOximeter.SendSpotCheck(97f, 70f, false, 0, 0, 0, 1f, false);
        Assert.True(bench.Snoop.Records > afterSetup, "the spot-check indication is captured");

        link.CaptureNotifications = true;
        int before = bench.Snoop.Records;
        bench.Profile.HeartRate.NotifyMeasurement(70, true);
        Assert.Equal(before + 1, bench.Snoop.Records);
    }
}
