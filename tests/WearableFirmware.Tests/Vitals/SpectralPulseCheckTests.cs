using WearableFirmware.Vitals;
using Xunit;

namespace WearableFirmware.Tests.Vitals;

/// <summary><see cref="SpectralPulseCheck"/>: the prominence test and the leaky count, against counts worked out by hand.</summary>
public class SpectralPulseCheckTests
{
    // Band 1..10. Prominent: the peak 10, the rest 1 (all 9 below 10 / 3). Weak: the peak 2, the rest 1 (none below 2 / 3).
    private static readonly float[] Prominent = { 0, 10, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
    private static readonly float[] Weak = { 0, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1 };

    private static void Judge(SpectralPulseCheck check, float[] power, int times)
    {
        for (int i = 0; i < times; i++)
        {
            check.Judge(power, 1, 1, 10);
        }
    }

    [Fact]
    public void EightWeakUpdatesWithholdAndFourProminentOnesGiveItBack()
    {
        var check = new SpectralPulseCheck();
        Judge(check, Weak, 7);
        Assert.True(check.IsPulse);
        Judge(check, Weak, 1);
        Assert.False(check.IsPulse);
        Judge(check, Prominent, 3);
        Assert.False(check.IsPulse);
        Judge(check, Prominent, 1);
        Assert.True(check.IsPulse);
    }

    [Fact]
    public void ALongStretchWithoutAPulseRecoversLikeAShortOne()
    {
        // The count stops at 10: six prominent updates bring it to 4.
        var check = new SpectralPulseCheck();
        Judge(check, Weak, 100);
        Judge(check, Prominent, 5);
        Assert.False(check.IsPulse);
        Judge(check, Prominent, 1);
        Assert.True(check.IsPulse);
    }

    [Fact]
    public void APeakIsProminentOnlyWhenMoreThanHalfTheBandLiesBelowItsThird()
    {
        // Peak 3, level 1: five of ten bins at 1 is exactly half (weak); six is more than half (prominent).
        float[] half = { 0, 3, 1, 1, 1, 1, 1, 2, 2, 2, 2 };
        float[] more = { 0, 3, 1, 1, 1, 1, 1, 1, 2, 2, 2 };
        var weak = new SpectralPulseCheck();
        Judge(weak, half, 8);
        Assert.False(weak.IsPulse);
        var prominent = new SpectralPulseCheck();
        Judge(prominent, more, 8);
        Assert.True(prominent.IsPulse);
    }
}
