using WearableFirmware.Vitals;
using Xunit;

namespace WearableFirmware.Tests.Vitals;

/// <summary><see cref="PulseEvidence"/>'s running means against values worked out by hand.</summary>
public class PulseEvidenceTests
{
    private static PulseEvidence Evidence(PulseHistory history) => new PulseEvidence(history, 20);

    [Fact]
    public void BeatsScoringZeroEndThePulseAtTheThirdBeat()
    {
        var evidence = Evidence(new PulseHistory(200));
        for (int i = 0; i < 8; i++)
        {
            evidence.AddBeat(1f, 50);
        }

        // Means 1; then score 0 each beat: short mean 1 - 1/4 = 0.75, 0.5625, 0.421875; long 0.875, 0.765625, 0.669921875.
        evidence.AddBeat(0f, 50);
        Assert.True(evidence.IsPulse);
        evidence.AddBeat(0f, 50);
        Assert.True(evidence.IsPulse);
        evidence.AddBeat(0f, 50);
        Assert.False(evidence.IsPulse);
    }

    [Fact]
    public void AfterAPauseOnlyAPerfectFirstBeatClearsTheMean()
    {
        // Reset(false) counts the pause as one beat that scored 0: the next beat's mean is half its score.
        var evidence = Evidence(new PulseHistory(200));
        evidence.Reset(false);
        Assert.False(evidence.IsPulse);
        evidence.AddBeat(0.98f, 50);
        Assert.False(evidence.IsPulse);

        evidence.Reset(false);
        evidence.AddBeat(1f, 50);
        Assert.True(evidence.IsPulse);
    }

    [Fact]
    public void APulseWhoseLightsDisagreeCountsByItsRepetition()
    {
        // A 50-sample sine: correlation 1 one interval back, -1 half an interval back: 1 + 0.5, capped at 1.
        var sine = new PulseHistory(200);
        for (int n = 0; n < 200; n++)
        {
            sine.Add((float)Math.Sin(2 * Math.PI * n / 50));
        }

        var evidence = Evidence(sine);
        for (int i = 0; i < 20; i++)
        {
            evidence.AddBeat(0f, 50);
        }

        Assert.True(evidence.IsPulse);

        // A flat history gives no correlation (counted 0): the same slopes then score 0.
        var flat = Evidence(new PulseHistory(200));
        for (int i = 0; i < 3; i++)
        {
            flat.AddBeat(0f, 50);
        }

        Assert.False(flat.IsPulse);
    }
}
