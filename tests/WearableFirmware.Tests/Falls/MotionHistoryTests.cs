using WearableFirmware.Falls;
using Xunit;

namespace WearableFirmware.Tests.Falls;

/// <summary>The window statistics of the wrist features, on hand-computed vectors.</summary>
public class MotionHistoryTests
{
    private static MotionHistory With(int capacity, params (float X, float Y, float Z)[] samples)
    {
        var h = new MotionHistory(capacity);
        foreach (var (x, y, z) in samples)
        {
            h.Add(x, y, z);
        }

        return h;
    }

    [Fact]
    public void Windows_are_clipped_to_what_the_ring_still_holds()
    {
        MotionHistory h = With(3, (1, 0, 0), (2, 0, 0), (3, 0, 0), (4, 0, 0), (5, 0, 0));
        Assert.Equal(5, h.Count);
        Assert.Equal(2, h.Oldest); // samples 2, 3, 4 remain
        Assert.True(h.Mean(0, 100, out float x, out _, out _));
        Assert.Equal(4f, x); // (3 + 4 + 5) / 3
        Assert.False(h.Mean(0, 2, out _, out _, out _)); // only overwritten samples
        Assert.Equal(5f, h.MagnitudeAt(4));
    }

    [Fact]
    public void Mean_deviation_caps_the_magnitude_first()
    {
        // |a| = 1, 3, 6 (capped at 4), 0.5: deviations 0, 2, 3, 0.5.
        MotionHistory h = With(8, (0, 0, 1), (0, 3, 0), (6, 0, 0), (0, 0, -0.5f));
        Assert.Equal((0 + 2 + 3 + 0.5f) / 4, h.MeanDeviation(0, 4, 4f), 6);
        Assert.Equal(0f, h.MeanDeviation(4, 9, 4f)); // empty window
    }

    [Fact]
    public void Spread_is_the_root_of_the_summed_axis_variances()
    {
        // x alternates ±1 around 0 (variance 1), y constant, z alternates 1 and 3 (variance 1): sqrt(2).
        MotionHistory h = With(8, (1, 5, 1), (-1, 5, 3), (1, 5, 1), (-1, 5, 3));
        Assert.Equal(MathF.Sqrt(2), h.Spread(0, 4), 5);
    }

    [Fact]
    public void Crossings_count_rises_through_the_level_and_need_the_sample_before()
    {
        // Magnitudes 1, 3, 1, 2.5, 2.5, 1, 5.
        MotionHistory h = With(16, (1, 0, 0), (3, 0, 0), (1, 0, 0), (2.5f, 0, 0), (2.5f, 0, 0), (1, 0, 0), (0, 5, 0));
        Assert.Equal(3, h.Crossings(0, 7, 2f, 4f));
        Assert.Equal(2, h.Crossings(2, 7, 2f, 4f));
        Assert.Equal(0, h.Crossings(0, 7, 4.5f, 4f)); // 5 g capped at 4 never reaches 4.5
    }

    [Fact]
    public void Local_peaks_above_the_level_exclude_the_window_ends()
    {
        // Magnitudes 1, 2, 1, 1.5, 3, 3, 1, 2: peaks above 1.8 inside: 2 (index 1) and the first 3 (index 4, >= next).
        MotionHistory h = With(16, (1, 0, 0), (2, 0, 0), (1, 0, 0), (1.5f, 0, 0), (3, 0, 0), (3, 0, 0), (1, 0, 0), (2, 0, 0));
        Assert.Equal(2, h.LocalPeaks(0, 8, 1.8f, 4f));
    }

    [Fact]
    public void Samples_deviating_count_those_farther_than_the_level_from_1_g_after_the_cap()
    {
        // Magnitudes 1, 1.4, 1.6, 0.4, 0.6, 9 (capped at 4): more than 0.5 g from 1 g: 1.6, 0.4 and the capped 9.
        MotionHistory h = With(8, (0, 0, 1), (0, 1.4f, 0), (1.6f, 0, 0), (0, 0, -0.4f), (0.6f, 0, 0), (0, 9, 0));
        Assert.Equal(3, h.SamplesDeviating(0, 6, 0.5f, 4f));
        Assert.Equal(1, h.SamplesDeviating(0, 6, 2.5f, 4f)); // 9 g counts only as 4 g
        Assert.Equal(0, h.SamplesDeviating(3, 6, 3.5f, 4f));
    }

    [Fact]
    public void Support_deficit_sums_how_far_the_magnitude_fell_below_1_g()
    {
        MotionHistory h = With(8, (0, 0, 1), (0, 0, 0.25f), (0, 0, 0.5f), (0, 0, 2));
        Assert.Equal(0.75f + 0.5f, h.SupportDeficit(0, 4), 6);
    }

    [Fact]
    public void Clear_starts_a_fresh_history()
    {
        MotionHistory h = With(4, (1, 0, 0), (1, 0, 0));
        h.Clear();
        Assert.Equal(0, h.Count);
        Assert.False(h.Mean(0, 10, out _, out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MotionHistory(1));
    }
}
