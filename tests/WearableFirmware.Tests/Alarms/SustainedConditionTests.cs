using WearableFirmware.Alarms;
using Xunit;
using static WearableFirmware.Tests.Alarms.Us;

namespace WearableFirmware.Tests.Alarms;

public class SustainedConditionTests
{
    [Fact]
    public void Is_met_exactly_when_the_delay_has_elapsed_since_the_first_evidence_and_not_one_tick_before()
    {
        var c = new SustainedCondition(S(10), S(5));
        long tick = 40_000; // finer than the loop's tick
        long start = S(3.2);
        for (long t = start; t < start + S(10); t += tick)
        {
            c.Update(t, true);
            Assert.False(c.IsMet, "met at " + (t - start) + " us");
        }

        c.Update(start + S(10), true);
        Assert.True(c.IsMet);
        Assert.Equal(start, c.Since);
    }

    [Fact]
    public void Absent_evidence_restarts_the_count()
    {
        var c = new SustainedCondition(S(10), S(5));
        c.Update(S(0), true);
        c.Update(S(9), true);
        c.Update(S(9.5), false);
        Assert.False(c.IsRunning);
        c.Update(S(10), true);
        c.Update(S(19.96), true);
        Assert.False(c.IsMet);
        c.Update(S(20), true);
        Assert.True(c.IsMet);
    }

    [Fact]
    public void A_gap_up_to_the_tolerance_keeps_the_count_a_longer_one_restarts_it()
    {
        var kept = new SustainedCondition(S(10), S(5));
        kept.Update(S(0), true);
        kept.UpdateUnknown(S(2));
        kept.UpdateUnknown(S(5)); // 5 s after the last evidence: still within the tolerance
        kept.Update(S(6), true);
        kept.Update(S(10), true);
        Assert.True(kept.IsMet);

        var restarted = new SustainedCondition(S(10), S(5));
        restarted.Update(S(0), true);
        restarted.UpdateUnknown(S(5.04)); // one tick past the tolerance
        Assert.False(restarted.IsRunning);
        restarted.Update(S(6), true);
        restarted.Update(S(15.96), true);
        Assert.False(restarted.IsMet);
        restarted.Update(S(16), true);
        Assert.True(restarted.IsMet);
    }
}
