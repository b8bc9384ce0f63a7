using WearableFirmware.Vitals;
using Xunit;

namespace WearableFirmware.Tests.Vitals;

public class EstimatorTests
{
    [Fact]
    public void MedianAndGatedMeanOfHandVectors()
    {
        var scratch = new float[8];
        Assert.Equal(2f, RobustAverage.Median(new float[] { 3, 1, 2 }, 3, scratch));
        Assert.Equal(2.5f, RobustAverage.Median(new float[] { 4, 1, 3, 2 }, 4, scratch));
        Assert.Equal(0f, RobustAverage.Median(new float[] { 5 }, 0, scratch));

        // Median 1000; ±25 % keeps 900..1100 (mean 1000), drops 2000 (missed beat) and 500 (extra beat).
        float mean = RobustAverage.MedianGatedMean(new float[] { 1000, 2000, 900, 1100, 500, 1000 }, 6, 0.25f, scratch, out int accepted);
        Assert.Equal(4, accepted);
        Assert.Equal(1000f, mean);
    }

    [Fact]
    public void BeatWindowRatioAndAmplitudeAreNotBiasedByAnOffsetOrSlowDrift()
    {
        // IR pulse 0, 2, 4, 2, 0; red half of it. Red rides 100 counts high (DC left after the band-pass) and both
        // share a slow drift of 0.5 counts per sample. Slopes: IR 2.5, 2.5, -1.5, -1.5; red 1.5, 1.5, -0.5, -0.5.
        var window = new BeatWindow(8);
        float[] pulse = { 0, 2, 4, 2, 0 };
        for (int i = 0; i < pulse.Length; i++)
        {
            window.Add(100 + 0.5f * pulse[i] + 0.5f * i, pulse[i] + 0.5f * i);
        }

        // sqrt((1.5² + 1.5² + 0.5² + 0.5²) / (2.5² + 2.5² + 1.5² + 1.5²)) = sqrt(5 / 17)
        Assert.Equal((float)Math.Sqrt(5.0 / 17), window.AcRatio, 5);
        Assert.Equal(4f, window.IrPeakToPeak, 5);   // the drift (line from 0 to 2) removed: 0, 2, 4, 2, 0
        Assert.Equal(5, window.Count);

        // The next beat's first slope is taken from the last sample of this one; Reset forgets it.
        window.Clear();
        window.Add(102, 4);          // slopes from (102, 2): red 0, IR 2
        window.Add(103, 6);          // red 1, IR 2
        Assert.Equal((float)Math.Sqrt(1.0 / 8), window.AcRatio, 5);
        window.Reset();
        window.Add(500, 700);
        Assert.Equal(0f, window.AcRatio);  // no change seen yet

        // Longer than its capacity: raw extremes (drift included).
        var small = new BeatWindow(3);
        for (int i = 0; i < pulse.Length; i++)
        {
            small.Add(0, pulse[i] + 0.5f * i);
        }

        Assert.Equal(5f, small.IrPeakToPeak, 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BeatWindow(1));
    }

    [Fact]
    public void BeatWindowGivesTheSameStatisticsWhetherSummedWholeOrInParts()
    {
        // The pass that sums a whole beat also finds the peak-to-peak; a window read before its beat ended takes
        // another pass for it. Both bit for bit alike, over a few beats (each window starts from the last sample).
        var whole = new BeatWindow(100);
        var parts = new BeatWindow(100);
        for (int beat = 0; beat < 4; beat++)
        {
            int length = 60 + 7 * beat;
            for (int i = 0; i < length; i++)
            {
                float t = i + 0.3f * beat;
                float ir = 500 * MathF.Sin(t * 0.1f) + 3 * t + MathF.Cos(t * 1.7f);
                float red = 0.6f * ir + MathF.Sin(t * 2.3f);
                whole.Add(red, ir);
                parts.Add(red, ir);
                if (i == length / 3)
                {
                    _ = parts.Correlation;
                }
            }

            Assert.Equal(BitConverter.SingleToInt32Bits(whole.IrPeakToPeak), BitConverter.SingleToInt32Bits(parts.IrPeakToPeak));
            Assert.Equal(BitConverter.SingleToInt32Bits(whole.Correlation), BitConverter.SingleToInt32Bits(parts.Correlation));
            Assert.Equal(BitConverter.SingleToInt32Bits(whole.AcRatio), BitConverter.SingleToInt32Bits(parts.AcRatio));
            Assert.True(whole.IrPeakToPeak > 500, "the pulse's peak-to-peak: " + whole.IrPeakToPeak);
            whole.Clear();
            parts.Clear();
        }
    }

    [Fact]
    public void HeartRateRejectsAMissedBeatAndAnExtraDetection()
    {
        var hr = new HeartRateEstimator(8, 0.25f, 3, 30, 240);
        Assert.True(hr.AddInterval(1000));
        Assert.True(hr.AddInterval(1000));
        Assert.True(hr.AddInterval(1000));
        Assert.False(hr.AddInterval(2000)); // missed beat: twice the median
        Assert.True(hr.AddInterval(1000));
        Assert.False(hr.AddInterval(400));  // extra detection splits an interval
        Assert.True(hr.AddInterval(600 + 400));
        Assert.True(hr.IsValid);
        Assert.Equal(60f, hr.HeartRateBpm, 3);
        Assert.Equal(5, hr.AcceptedCount);
        Assert.Equal(7, hr.Count);
    }

    [Fact]
    public void HeartRateRefusesIntervalsOutside30To240Bpm()
    {
        var hr = new HeartRateEstimator(8, 0.25f, 3, 30, 240);
        Assert.False(hr.AddInterval(240));   // 250 bpm
        Assert.False(hr.AddInterval(2100));  // 28.6 bpm
        Assert.Equal(0, hr.Count);
        Assert.True(hr.AddInterval(250));    // exactly 240 bpm
        Assert.True(hr.AddInterval(2000));   // exactly 30 bpm
    }

    [Fact]
    public void HeartRateNeedsAgreementAndFlagsErraticRhythm()
    {
        var hr = new HeartRateEstimator(8, 0.25f, 3, 30, 240);
        hr.AddInterval(800);
        hr.AddInterval(820);
        Assert.False(hr.IsValid); // two intervals are not enough
        hr.AddInterval(780);
        Assert.True(hr.IsValid);
        Assert.Equal(60000f / 800f, hr.HeartRateBpm, 2);

        var erratic = new HeartRateEstimator(8, 0.25f, 3, 30, 240);
        foreach (float ms in new float[] { 400, 1200, 700, 1500, 450, 1000, 1800, 600 })
        {
            erratic.AddInterval(ms);
        }

        // Median 850: only 700 and 1000 lie within ±25 %: 2 of 8 agree.
        Assert.Equal(2, erratic.AcceptedCount);
        Assert.True(erratic.IsErratic);
        Assert.False(erratic.IsValid);
    }

    [Fact]
    public void EarlyHeartRateNeedsTwoIntervalsWithinTheTighterTolerance()
    {
        var hr = new HeartRateEstimator(8, 0.25f, 3, 30, 240);
        hr.EarlyTolerance = 0.1f;
        hr.AddInterval(800);
        Assert.False(hr.IsValid); // one interval is never a rate
        hr.AddInterval(860);      // median 830: 800 and 860 lie within 3.6 %
        Assert.True(hr.IsValid);
        Assert.True(hr.IsEarly);
        Assert.Equal(60000f / 830f, hr.HeartRateBpm, 2);
        hr.AddInterval(820);      // three agreeing intervals: the median-gated estimate takes over
        Assert.True(hr.IsValid);
        Assert.False(hr.IsEarly);

        var apart = new HeartRateEstimator(8, 0.25f, 3, 30, 240);
        apart.EarlyTolerance = 0.1f;
        apart.AddInterval(800);
        apart.AddInterval(1000); // median 900: each 11 % off, inside the 25 % gate but outside the early 10 %
        Assert.False(apart.IsValid);
        Assert.False(apart.IsEarly);
    }

    [Theory]
    [InlineData(340f, 360f, false)] // a beat split in two: within 10 % but spanning 0.7 s
    [InlineData(590f, 610f, true)]  // 100 bpm: exactly 1.2 s
    public void EarlyHeartRateNeedsItsIntervalsToSpanTheMinimumTime(float first, float second, bool early)
    {
        var hr = new HeartRateEstimator(8, 0.25f, 3, 30, 240);
        hr.EarlyTolerance = 0.1f;
        hr.EarlyMinimumSpanMs = 1200;
        hr.AddInterval(first);
        hr.AddInterval(second);
        Assert.Equal(early, hr.IsEarly);
        Assert.Equal(early, hr.IsValid);
    }

    [Fact]
    public void RingRestartsFromTheLatestAgreeingIntervals()
    {
        var hr = new HeartRateEstimator(8, 0.25f, 3, 30, 240);
        hr.EarlyTolerance = 0.1f;
        foreach (float ms in new[] { 500f, 290f, 1010f, 600f, 810f, 790f })
        {
            hr.AddInterval(ms);
        }

        // Median 705: 600, 790 and 810 lie within ±25 %, 3 of 6: no majority.
        Assert.False(hr.IsValid);
        Assert.True(hr.LatestAgree(2));  // 810 and 790: each 1.25 % from their mean 800
        Assert.False(hr.LatestAgree(3)); // 600 is 10.3 % below the mean 733.3 of 600, 810, 790
        Assert.Equal(800f, hr.LatestMeanMs(2), 3);
        Assert.Equal(2200f / 3f, hr.LatestMeanMs(3), 2);

        hr.RestartFromLatest(2);
        Assert.Equal(2, hr.Count);
        Assert.True(hr.IsValid);
        Assert.True(hr.IsEarly);
        Assert.Equal(75f, hr.HeartRateBpm, 3);

        // After wrapping the ring (10 intervals into 8) the latest three are still the last three added.
        var wrapped = new HeartRateEstimator(8, 0.25f, 3, 30, 240);
        wrapped.EarlyTolerance = 0.1f;
        foreach (float ms in new[] { 400f, 1200f, 500f, 1300f, 450f, 1250f, 600f, 700f, 720f, 680f })
        {
            wrapped.AddInterval(ms);
        }

        Assert.True(wrapped.LatestAgree(3)); // 700, 720, 680: within 2.9 % of 700
        wrapped.RestartFromLatest(3);
        Assert.Equal(3, wrapped.Count);
        Assert.True(wrapped.IsValid);
        Assert.False(wrapped.IsEarly);
        Assert.Equal(60000f / 700f, wrapped.HeartRateBpm, 3);

        // Never with fewer intervals than asked for, nor with the early tolerance off.
        var few = new HeartRateEstimator(8, 0.25f, 3, 30, 240);
        few.EarlyTolerance = 0.1f;
        few.AddInterval(800);
        Assert.False(few.LatestAgree(2));
        few.EarlyTolerance = 0;
        few.AddInterval(800);
        Assert.False(few.LatestAgree(2));
    }

    [Fact]
    public void HeartRateFollowsAStepOnceTheNewRateHoldsTheMajority()
    {
        var hr = new HeartRateEstimator(8, 0.25f, 3, 30, 240);
        for (int i = 0; i < 8; i++)
        {
            hr.AddInterval(1000);
        }

        int beats = 0;
        while (Math.Abs(hr.HeartRateBpm - 90) > 0.5f)
        {
            hr.AddInterval(666.7f);
            beats++;
        }

        Assert.Equal(5, beats); // 5 of 8 intervals at the new rate
    }

    [Fact]
    public void RrIntervalsAreKeptUntilTakenIn1024thsOfASecond()
    {
        Assert.Equal(1024, RrIntervalBuffer.ToUnits1024(1000));
        Assert.Equal(512, RrIntervalBuffer.ToUnits1024(500));
        Assert.Equal(845, RrIntervalBuffer.ToUnits1024(825)); // 844.8 rounds up
        Assert.Equal(65535, RrIntervalBuffer.ToUnits1024(70000));

        var rr = new RrIntervalBuffer(16);
        for (int i = 0; i < 5; i++)
        {
            rr.Add(1000 + i);
        }

        var two = new ushort[2];
        Assert.Equal(2, rr.Take(two));
        Assert.Equal(new ushort[] { 1024, 1025 }, two);
        Assert.Equal(3, rr.Count); // the rest wait for the next notification
        var more = new ushort[8];
        Assert.Equal(3, rr.Take(more));
        Assert.Equal(0, rr.Count);
        Assert.Equal(0, rr.OverwrittenCount);

        for (int i = 0; i < 18; i++)
        {
            rr.Add(500);
        }

        Assert.Equal(16, rr.Count);
        Assert.Equal(2, rr.OverwrittenCount);
    }

    [Fact]
    public void DefaultCalibrationIsMaximsCurve()
    {
        SpO2Calibration c = SpO2Calibration.Max3010xMaxim();
        // AN6845: 1.5958422·R² − 34.6596622·R + 112.6898759, by hand at R = 0.5 and R = 1.
        Assert.Equal(95.759, c.Evaluate(0.5f), 3);
        Assert.Equal(79.626, c.Evaluate(1.0f), 3);
        Assert.Contains("AN6845", c.Source);
    }

    [Fact]
    public void SpO2FromKnownRatios()
    {
        var spo2 = new SpO2Estimator(8, 4, SpO2Calibration.Max3010xMaxim());
        spo2.AddBeat(0.5f);
        spo2.AddBeat(0.5f);
        spo2.AddBeat(0.5f);
        Assert.False(spo2.IsValid);
        spo2.AddBeat(2.0f); // a disturbed beat is left out of the mean
        spo2.AddBeat(0.5f);
        Assert.True(spo2.IsValid);
        Assert.Equal(0.5f, spo2.Ratio, 4);
        Assert.Equal(95.759f, spo2.SpO2Percent, 2);

        var high = new SpO2Estimator(8, 1, SpO2Calibration.Max3010xMaxim());
        high.AddBeat(0.2f); // above 100 % on the curve: reported as 100
        Assert.Equal(100f, high.SpO2Percent);
    }

    [Fact]
    public void CalibrationThatRisesWithRatioIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new SpO2Calibration(50, 20, 0, "wrong sign").Validate());
        Assert.Throws<ArgumentException>(() => new SpO2Calibration(float.NaN, -20, 0, "nan").Validate());
    }

    [Fact]
    public void ContactIsDebouncedOnAndQuickOff()
    {
        var contact = new ContactDetector(10000, 25, 10);
        Assert.Equal(SensorContact.Unknown, contact.State);
        for (int i = 0; i < 24; i++)
        {
            contact.Process(50000);
        }

        Assert.Equal(SensorContact.Unknown, contact.State);
        Assert.Equal(SensorContact.Contact, contact.Process(50000));
        for (int i = 0; i < 9; i++)
        {
            contact.Process(500);
        }

        Assert.Equal(SensorContact.Contact, contact.State); // a 90 ms dip is not a loss
        contact.Process(50000);
        for (int i = 0; i < 9; i++)
        {
            contact.Process(500);
        }

        Assert.Equal(SensorContact.NoContact, contact.Process(500));
    }
}
