using WearableFirmware.Alarms;
using Xunit;
using static WearableFirmware.Tests.Alarms.Us;

namespace WearableFirmware.Tests.Alarms;

/// <summary>The physiological conditions' delays, tiers and ends, judged on readings once a second as the device publishes them.</summary>
public class LimitAlarmTests
{
    private static LimitAlarm SpO2() => new(false, 90, 85, 10, AlarmSettings.SpO2HysteresisPercent);

    [Fact]
    public void SpO2_below_the_medium_limit_starts_a_medium_alarm_at_exactly_the_delay()
    {
        var alarm = SpO2();
        for (int s = 0; s < 30; s++)
        {
            alarm.Update(S(s), true, 96);
        }

        // First reading below 90 % at 30 s: the 10 s delay ends at 40 s.
        for (int s = 30; s < 40; s++)
        {
            alarm.Update(S(s), true, 89.4f);
            Assert.Equal(AlarmPriority.None, alarm.Priority);
        }

        alarm.Update(S(40), true, 89.4f);
        Assert.Equal(AlarmPriority.Medium, alarm.Priority);
        Assert.Equal(90f, alarm.Limit);
    }

    [Fact]
    public void A_reading_at_the_limit_is_not_below_it()
    {
        var alarm = SpO2();
        for (int s = 0; s <= 60; s++)
        {
            alarm.Update(S(s), true, 90f);
        }

        Assert.Equal(AlarmPriority.None, alarm.Priority);
    }

    [Fact]
    public void Escalates_to_high_when_readings_stay_below_the_high_limit_for_the_delay()
    {
        var alarm = SpO2();
        for (int s = 0; s <= 10; s++)
        {
            alarm.Update(S(s), true, 88);
        }

        Assert.Equal(AlarmPriority.Medium, alarm.Priority);
        // Below 85 % from 12 s: high at 22 s, not before.
        alarm.Update(S(11), true, 87);
        for (int s = 12; s < 22; s++)
        {
            alarm.Update(S(s), true, 83);
            Assert.Equal(AlarmPriority.Medium, alarm.Priority);
        }

        alarm.Update(S(22), true, 83);
        Assert.Equal(AlarmPriority.High, alarm.Priority);
        Assert.Equal(85f, alarm.Limit);

        // Back above 85 but below 90: a high alarm stays high until the episode ends.
        alarm.Update(S(23), true, 88);
        Assert.Equal(AlarmPriority.High, alarm.Priority);
    }

    [Fact]
    public void A_deep_drop_goes_straight_to_high_after_the_delay()
    {
        var alarm = SpO2();
        for (int s = 0; s < 10; s++)
        {
            alarm.Update(S(s), true, 80);
            Assert.Equal(AlarmPriority.None, alarm.Priority);
        }

        alarm.Update(S(10), true, 80);
        Assert.Equal(AlarmPriority.High, alarm.Priority);
    }

    [Fact]
    public void Ends_at_the_first_reading_back_inside_the_limit_by_the_hysteresis()
    {
        var alarm = SpO2();
        for (int s = 0; s <= 10; s++)
        {
            alarm.Update(S(s), true, 88);
        }

        alarm.Update(S(11), true, 90.5f); // above the limit, inside the 1 % hysteresis: still in alarm
        Assert.Equal(AlarmPriority.Medium, alarm.Priority);
        alarm.Update(S(12), true, 91f);
        Assert.Equal(AlarmPriority.None, alarm.Priority);
    }

    [Fact]
    public void Invalid_readings_never_start_an_alarm_and_do_not_end_one()
    {
        var alarm = SpO2();
        for (int s = 0; s < 120; s++)
        {
            alarm.Update(S(s), false, 0f); // start-up transient, off the wrist: the reading's number means nothing
        }

        Assert.Equal(AlarmPriority.None, alarm.Priority);
        for (int s = 120; s <= 130; s++)
        {
            alarm.Update(S(s), true, 86);
        }

        Assert.Equal(AlarmPriority.Medium, alarm.Priority);
        for (int s = 131; s < 200; s++)
        {
            alarm.Update(S(s), false, 0f);
        }

        Assert.Equal(AlarmPriority.Medium, alarm.Priority); // no evidence that it ended
    }

    [Fact]
    public void A_short_gap_in_the_readings_keeps_the_delay_running_a_long_one_restarts_it()
    {
        var alarm = SpO2();
        alarm.Update(S(0), true, 88);
        alarm.Update(S(1), true, 88);
        for (int s = 2; s <= 6; s++)
        {
            alarm.Update(S(s), false, 0); // 5 s without a reading (motion)
        }

        alarm.Update(S(7), true, 88);
        for (int s = 8; s < 10; s++)
        {
            alarm.Update(S(s), true, 88);
        }

        alarm.Update(S(10), true, 88);
        Assert.Equal(AlarmPriority.Medium, alarm.Priority); // counted from 0 s

        var restarted = SpO2();
        restarted.Update(S(0), true, 88);
        for (int s = 1; s <= 6; s++)
        {
            restarted.Update(S(s), false, 0); // 6 s after the last evidence: past the 5 s tolerance
        }

        for (int s = 7; s < 17; s++)
        {
            restarted.Update(S(s), true, 88);
            Assert.Equal(AlarmPriority.None, restarted.Priority);
        }

        restarted.Update(S(17), true, 88);
        Assert.Equal(AlarmPriority.Medium, restarted.Priority);
    }

    [Theory]
    [InlineData(true, 120, 140, 125, 150, 118.5, 117.9)]  // pulse high: 125 > 120 medium, 150 > 140 high; ends at <= 118
    [InlineData(false, 50, 40, 47, 38, 51.5, 52.0)]       // pulse low: 47 < 50 medium, 38 < 40 high; ends at >= 52
    public void Pulse_rate_alarms_work_in_their_direction(bool above, float medium, float high, float mediumValue, float highValue,
        float stillInAlarm, float ended)
    {
        var alarm = new LimitAlarm(above, medium, high, 10, AlarmSettings.PulseHysteresisBpm);
        for (int s = 0; s <= 10; s++)
        {
            alarm.Update(S(s), true, mediumValue);
        }

        Assert.Equal(AlarmPriority.Medium, alarm.Priority);
        for (int s = 11; s <= 21; s++)
        {
            alarm.Update(S(s), true, highValue);
        }

        Assert.Equal(AlarmPriority.High, alarm.Priority);
        alarm.Update(S(22), true, stillInAlarm);
        Assert.Equal(AlarmPriority.High, alarm.Priority);
        alarm.Update(S(23), true, ended);
        Assert.Equal(AlarmPriority.None, alarm.Priority);
    }

    [Fact]
    public void New_limits_restart_a_pending_delay_and_apply_from_then_on()
    {
        var alarm = SpO2();
        for (int s = 0; s < 8; s++)
        {
            alarm.Update(S(s), true, 91);
        }

        alarm.Configure(92, 85, 10, AlarmSettings.SpO2HysteresisPercent); // a phone raises the limit to 92 %
        for (int s = 8; s < 18; s++)
        {
            alarm.Update(S(s), true, 91);
            Assert.Equal(AlarmPriority.None, alarm.Priority);
        }

        alarm.Update(S(18), true, 91);
        Assert.Equal(AlarmPriority.Medium, alarm.Priority);
    }
}
