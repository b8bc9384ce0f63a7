using WearableFirmware.Alarms;
using Xunit;

namespace WearableFirmware.Tests.Alarms;

/// <summary>
/// The local signals against the burst characteristics of IEC 60601-1-8 (auditory alarm signals: pulses per burst,
/// pulse duration, pulse spacing, inter-burst interval; visual: flash frequency and duty cycle), as that standard's
/// tables give them: high 10 pulses of 75-200 ms spaced x = 50-125 ms (3rd-4th and 8th-9th 2x + td, 5th-6th
/// 0.35-1.30 s), bursts 2.5-15 s apart; medium 3 pulses of 125-250 ms spaced 125-250 ms, 2.5-30 s apart; low 1 or 2
/// such pulses, more than 15 s apart; light high 1.4-2.8 Hz, medium 0.4-0.8 Hz, on 20-60 % of the period.
/// </summary>
public class AlarmSignalPatternTests
{
    private static (int[] Pulses, int[] Gaps) Burst(AlarmSignalPattern p)
    {
        var pulses = new List<int>();
        var gaps = new List<int>();
        for (int i = 0; i < 2 * p.PulseCount; i++)
        {
            (i % 2 == 0 ? pulses : gaps).Add(p.Segment(i));
        }

        return (pulses.ToArray(), gaps.ToArray());
    }

    [Fact]
    public void High_priority_has_ten_pulses_in_the_3_2_pause_3_2_rhythm()
    {
        var (pulses, gaps) = Burst(AlarmSignalPattern.High);
        Assert.Equal(10, pulses.Length);
        Assert.All(pulses, td => Assert.InRange(td, 75, 200));
        int x = gaps[0];
        Assert.InRange(x, 50, 125);
        int td0 = pulses[0];
        Assert.Equal([x, x, 2 * x + td0, x, gaps[4], x, x, 2 * x + td0, x], gaps[..9]);
        Assert.InRange(gaps[4], 350, 1300);
        Assert.InRange(gaps[9], 2500, 15000); // inter-burst interval
    }

    [Fact]
    public void Medium_priority_has_three_pulses_and_low_priority_two()
    {
        var (medium, mediumGaps) = Burst(AlarmSignalPattern.Medium);
        Assert.Equal(3, medium.Length);
        Assert.All(medium, td => Assert.InRange(td, 125, 250));
        Assert.All(mediumGaps[..2], y => Assert.InRange(y, 125, 250));
        Assert.InRange(mediumGaps[2], 2500, 30000);

        var (low, lowGaps) = Burst(AlarmSignalPattern.Low);
        Assert.InRange(low.Length, 1, 2);
        Assert.All(low, td => Assert.InRange(td, 125, 250));
        Assert.True(lowGaps[^1] > 15000);
    }

    [Theory]
    [InlineData(AlarmSignal.High, 1.4, 2.8)]
    [InlineData(AlarmSignal.Medium, 0.4, 0.8)]
    public void Lights_flash_at_the_priority_rate(AlarmSignal signal, double minHz, double maxHz)
    {
        var p = AlarmSignalPattern.For(signal);
        Assert.InRange(1000.0 / p.LightPeriodMilliseconds, minHz, maxHz);
        Assert.InRange((double)p.LightOnMilliseconds / p.LightPeriodMilliseconds, 0.2, 0.6);
    }

    [Fact]
    public void Every_segment_is_a_whole_number_of_the_device_timers_50_ms()
    {
        foreach (AlarmSignal s in new[] { AlarmSignal.High, AlarmSignal.Medium, AlarmSignal.Low, AlarmSignal.Fall })
        {
            var p = AlarmSignalPattern.For(s);
            for (int i = 0; i < 2 * p.PulseCount; i++)
            {
                Assert.Equal(0, p.Segment(i) % 50);
            }

            Assert.Equal(0, p.LightPeriodMilliseconds % 50);
            Assert.Equal(0, p.LightOnMilliseconds % 50);
        }
    }

    [Fact]
    public void Sampling_the_pattern_reproduces_its_segments_and_repeats_each_cycle()
    {
        var high = AlarmSignalPattern.High;
        Assert.True(high.IsSounding(0));
        Assert.True(high.IsSounding(149));
        Assert.False(high.IsSounding(150));
        Assert.True(high.IsSounding(250));
        Assert.False(high.IsSounding(6499));
        Assert.True(high.IsSounding(6500));          // next burst
        Assert.Equal(6500, high.CycleMilliseconds);
        Assert.False(high.IsSounding(-1));

        // Pulses counted on the 50 ms timer grid over one cycle.
        int pulses = 0;
        bool on = false;
        for (int t = 0; t < high.CycleMilliseconds; t += 50)
        {
            bool now = high.IsSounding(t);
            if (now && !on)
            {
                pulses++;
            }

            on = now;
        }

        Assert.Equal(10, pulses);
    }

    [Fact]
    public void The_fall_signal_is_unlike_any_priority_signal()
    {
        var fall = AlarmSignalPattern.Fall;
        Assert.Equal(1, fall.PulseCount);
        Assert.Equal(500, fall.CycleMilliseconds);
        Assert.Equal(AlarmSignalPattern.FallToneLowHz, fall.ToneAt(100));
        Assert.Equal(AlarmSignalPattern.FallToneHighHz, fall.ToneAt(600));
        Assert.Equal(AlarmSignalPattern.PriorityToneHz, AlarmSignalPattern.Medium.ToneAt(7500));
        Assert.Null(AlarmSignalPattern.For(AlarmSignal.Off));
    }
}
