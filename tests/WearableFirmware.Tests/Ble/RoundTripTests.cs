using WearableFirmware.Ble;
using WearableFirmware.SimulatedBoard.Ble;
using WearableFirmware.Time;
using Xunit;

namespace WearableFirmware.Tests.Ble;

/// <summary>
/// Encoder → simulated server → phone decoder (written separately from the specifications) over seeded random
/// values: what the wearable publishes is what a health app reads, to the stated resolution.
/// </summary>
public class RoundTripTests
{
    private static (BleBench Bench, SimulatedPhone Phone) Subscribed(int mtu, params string[] uuids)
    {
        var bench = new BleBench();
        var (phone, link) = bench.Connected(mtu: mtu);
        phone.Pair();
        foreach (string uuid in uuids)
        {
            Assert.Equal(0, phone.Subscribe(uuid));
        }

        return (bench, phone);
    }

    [Theory]
    [InlineData(23)]
    [InlineData(50)]
    [InlineData(247)]
    public void Heart_rate_and_every_rr_interval_arrive_in_order(int mtu)
    {
        var (bench, phone) = Subscribed(mtu, "2a37");
        var random = new Random(mtu);
        var sentRr = new List<ushort>();
        var sentBpm = new List<int>();
        for (int beat = 0; beat < 300; beat++)
        {
            int rrCount = random.Next(0, 8);
            for (int k = 0; k < rrCount; k++)
            {
                ushort rr = (ushort)random.Next(250, 2100);
                bench.Profile.HeartRate.AddRrInterval(rr);
                sentRr.Add(rr);
            }

            int bpm = random.Next(0, 2) == 0 ? random.Next(25, 256) : random.Next(256, 400);
            sentBpm.Add(bpm);
            Assert.True(bench.Profile.HeartRate.NotifyMeasurement(bpm, beat % 3 != 0));
        }

        while (bench.Profile.HeartRate.PendingRrIntervals > 0)
        {
            bench.Profile.HeartRate.NotifyMeasurement(sentBpm[^1], true);
        }

        var decoded = phone.Received.Select(r => PhoneDecoders.DecodeHeartRate(r.Value)).ToList();
        Assert.Equal(sentBpm, decoded.Take(sentBpm.Count).Select(d => d.Bpm));
        Assert.All(phone.Received, r => Assert.True(r.Value.Length <= mtu - 3));
        Assert.Equal(sentRr.Select(u => u * 1000.0 / 1024.0), decoded.SelectMany(d => d.RrMilliseconds));
        Assert.Equal(0, bench.Profile.HeartRate.DiscardedRrIntervals);
        Assert.All(decoded.Take(sentBpm.Count).Select((d, i) => (d, i)), x => Assert.Equal(x.i % 3 != 0, x.d.ContactDetected));
    }

    [Fact]
    public void Pulse_oximetry_continuous_values_survive_to_a_tenth()
    {
        var (bench, phone) = Subscribed(185, "2a5f");
        var random = new Random(1822);
        for (int i = 0; i < 2000; i++)
        {
            bool missing = random.Next(10) == 0;
            float spo2 = missing ? float.NaN : (float)Math.Round(random.NextDouble() * 100, 1);
            float pr = missing ? float.NaN : (float)(random.NextDouble() * 250);
            float pai = (float)(random.NextDouble() * 20);
            int status = random.Next(0, 2) * PlxMeasurementStatus.ValidatedData;
            int dss = random.Next(0, 2) * PlxDeviceSensorStatus.LowPerfusionDetected;
            bench.Profile.PulseOximeter.NotifyContinuous(spo2, pr, status, dss, pai);
            var d = PhoneDecoders.DecodePlxContinuous(phone.Received[^1].Value);
            if (missing)
            {
                Assert.True(double.IsNaN(d.Spo2) && double.IsNaN(d.PulseRate));
                Assert.NotEqual(0, d.MeasurementStatus!.Value & 0x2000);
            }
            else
            {
                Assert.Equal(spo2, d.Spo2, 0.05 + 1e-4);
                // 0.1 bpm up to 204.5 (mantissa limit 2045); above that the encoder coarsens to 1 bpm.
                Assert.Equal(pr, d.PulseRate, (pr <= 204.5f ? 0.05 : 0.5) + 1e-4);
                Assert.Equal(status, d.MeasurementStatus);
            }

            Assert.Equal(dss, d.DeviceSensorStatus);
            Assert.Equal(pai, d.Pai!.Value, 0.005 + 1e-5);
        }
    }

    [Fact]
    public void Spot_checks_carry_the_time_or_say_the_clock_is_not_set()
    {
        var (bench, phone) = Subscribed(185, "2a5e");
        var random = new Random(0x2A5E);
        for (int i = 0; i < 500; i++)
        {
            long t = 946_684_800L + (long)(random.NextDouble() * 3_000_000_000);
            bool clockSet = random.Next(4) != 0;
            bool stored = random.Next(2) == 0;
            float spo2 = 80 + random.Next(0, 200) / 10f;
            Assert.True(bench.Profile.PulseOximeter.SendSpotCheck(spo2, 70f, clockSet, t, 0, 0, 1f, stored));
            var d = PhoneDecoders.DecodePlxSpotCheck(phone.Received[^1].Value);
            Assert.Equal(clockSet ? DateTime.UnixEpoch.AddSeconds(t) : null, d.Timestamp);
            Assert.Equal(!clockSet, d.ClockNotSet);
            Assert.Equal(stored, (d.MeasurementStatus!.Value & 0x0200) != 0);
            Assert.Equal(spo2, d.Spo2, 0.05 + 1e-4);
        }
    }

    [Fact]
    public void Fall_events_and_alert_state_decode_as_sent()
    {
        var (bench, phone) = Subscribed(23, "584b0002-5c8b-44d3-94b7-4836cbf4bcd4", "584b0003-5c8b-44d3-94b7-4836cbf4bcd4");
        var random = new Random(4);
        string[] kinds = ["detected", "confirmed", "cancelled", "manual"];
        string[] postures = ["unknown", "upright", "sitting", "lying"];
        for (int id = 1; id <= 300; id++)
        {
            var kind = (FallEventKind)random.Next(1, 5);
            var posture = (FallPosture)random.Next(0, 4);
            uint time = (uint)random.Next();
            float impact = (float)(random.NextDouble() * 16);
            float hr = random.Next(5) == 0 ? float.NaN : random.Next(30, 200);
            int before = phone.Received.Count;
            bench.Profile.FallAlert.ReportEvent(id, kind, id % 3, time, impact, posture, hr, 95.5f);
            var e = PhoneDecoders.DecodeFallEvent(phone.Received[before].Value);
            Assert.Equal((id, kinds[(int)kind - 1], id % 3 == 1, id % 3 == 2, time, postures[(int)posture]), (e.Id, e.Kind, e.CalendarTime, e.EarlierBoot, e.TimeSeconds, e.Posture));
            Assert.Equal(impact, e.ImpactG, 0.005 + 1e-5);
            Assert.Equal(float.IsNaN(hr) ? double.NaN : hr, e.HeartRate);
            Assert.Equal(95.5, e.Spo2, 6);
        }

        var last = phone.Received[^1].Value;
        Assert.Equal((int)bench.Profile.FallAlert.State, last[0]);
    }

    [Fact]
    public void Current_time_written_by_the_phone_sets_the_wall_clock()
    {
        var random = new Random(0x1805);
        for (int i = 0; i < 200; i++)
        {
            var bench = new BleBench();
            var (phone, link) = bench.Connected();
            phone.Pair();
            var when = new DateTime(2000, 1, 1).AddSeconds(random.NextDouble() * 3_000_000_000);
            when = when.AddTicks(-(when.Ticks % TimeSpan.TicksPerSecond));
            Assert.Equal(0, phone.Write("2a2b", PhoneDecoders.EncodeCurrentTime(when)));
            Assert.Equal((long)(when - DateTime.UnixEpoch).TotalSeconds, bench.WallClock.UnixSeconds);
            Assert.Equal(when, PhoneDecoders.DecodeCurrentTime(phone.Read("2a2b")).Time);
        }
    }

    [Fact]
    public void Battery_level_notifies_on_change_and_rejects_nonsense()
    {
        var (bench, phone) = Subscribed(23, "2a19");
        bench.Profile.Battery.SetLevel(87);
        bench.Profile.Battery.SetLevel(87);
        bench.Profile.Battery.SetLevel(86);
        Assert.Equal(["Battery 87 %", "Battery 86 %"], phone.Received.Select(r => PhoneDecoders.Show("2a19", r.Value)));
        Assert.Throws<ArgumentOutOfRangeException>(() => bench.Profile.Battery.SetLevel(101));
        Assert.Equal([86], phone.Read("2a19"));
    }
}
