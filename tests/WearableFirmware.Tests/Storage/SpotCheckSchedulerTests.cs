using WearableFirmware.Storage;
using Xunit;

namespace WearableFirmware.Tests.Storage;

public class SpotCheckSchedulerTests
{
    private const long Second = 1_000_000;

    [Fact]
    public void Default_is_every_five_minutes_while_worn_starting_one_interval_after_putting_it_on()
    {
        var s = new SpotCheckScheduler();
        var due = new List<long>();
        for (long t = 0; t <= 3600 * Second; t += Second)
        {
            if (s.IsDue(t, worn: true))
            {
                due.Add(t / Second);
            }
        }

        Assert.Equal(Enumerable.Range(1, 12).Select(i => 300L * i), due);
    }

    [Fact]
    public void Taking_it_off_pauses_and_putting_it_back_restarts_the_interval()
    {
        var s = new SpotCheckScheduler(60);
        var due = new List<long>();
        for (long t = 0; t <= 600 * Second; t += Second)
        {
            bool worn = t < 130 * Second || t >= 400 * Second;
            if (s.IsDue(t, worn))
            {
                due.Add(t / Second);
            }
        }

        Assert.Equal(new long[] { 60, 120, 460, 520, 580 }, due);
    }

    [Fact]
    public void A_stalled_loop_gets_one_reading_not_a_burst()
    {
        var s = new SpotCheckScheduler(60);
        Assert.False(s.IsDue(0, true));
        Assert.True(s.IsDue(1000 * Second, true));
        Assert.False(s.IsDue(1001 * Second, true));
        Assert.True(s.IsDue(1060 * Second, true));
    }

    [Fact]
    public void Interval_outside_10_s_to_24_h_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpotCheckScheduler(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpotCheckScheduler(86401));
    }
}
