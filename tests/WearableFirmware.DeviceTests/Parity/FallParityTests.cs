using nanoFramework.TestFramework;
using WearableFirmware.Falls;

namespace WearableFirmware.DeviceTests
{
    /// <summary>
    /// The fall detector on nanoCLR reaches the host's decisions for the same accelerometer sequence (a fall, then a
    /// jump): same samples, same decision, same stage verdicts; the peak within 0.01 g (written with two decimals).
    /// </summary>
    [TestClass]
    public static class FallParityTests
    {
        private const float PeakToleranceG = 0.01f;

        [TestMethod]
        public static void Fall_decisions_match_the_host()
        {
            // The shipped settings, as the host used them (GoldenVectors.MotionSampleRateHz records the rate).
            Assert.AreEqual(GoldenVectors.MotionSampleRateHz, FallSensing.SampleRateHz, "fall detector rate");
            FallDetector detector = new FallDetector(FallSensing.DetectorSettings());
            int[] x = GoldenVectors.MotionXmg;
            int[] y = GoldenVectors.MotionYmg;
            int[] z = GoldenVectors.MotionZmg;
            int found = 0;
            for (int i = 0; i < x.Length; i++)
            {
                FallDecision decision = detector.Process(x[i] / 1000f, y[i] / 1000f, z[i] / 1000f);
                if (decision == FallDecision.None)
                {
                    continue;
                }

                string at = Expect.Case("decision", found);
                Assert.IsTrue(found < GoldenVectors.FallDecisionSample.Length, string.Concat(at, ": unexpected decision at sample ", i.ToString()));
                Assert.AreEqual(GoldenVectors.FallDecisionSample[found], i, string.Concat(at, ": sample"));
                Assert.AreEqual(GoldenVectors.FallDecisionKind[found], (int)decision, string.Concat(at, ": kind"));
                Assert.AreEqual(GoldenVectors.FallImpactPassed[found], detector.ImpactPassed, string.Concat(at, ": impact stage"));
                Assert.AreEqual(GoldenVectors.FallFreeFallPassed[found], detector.FreeFallPassed, string.Concat(at, ": free-fall stage"));
                Assert.AreEqual(GoldenVectors.FallPosturePassed[found], detector.PosturePassed, string.Concat(at, ": posture stage"));
                Assert.AreEqual(GoldenVectors.FallInactivityPassed[found], detector.InactivityPassed, string.Concat(at, ": inactivity stage"));
                Expect.Near(GoldenVectors.FallPeakG[found], detector.PeakG, PeakToleranceG, string.Concat(at, ": peak"));
                found++;
            }

            Assert.AreEqual(GoldenVectors.FallDecisionSample.Length, found, "decisions");
        }
    }
}
