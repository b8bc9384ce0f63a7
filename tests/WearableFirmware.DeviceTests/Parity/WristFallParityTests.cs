using nanoFramework.TestFramework;
using WearableFirmware.Falls;

namespace WearableFirmware.DeviceTests
{
    /// <summary>
    /// The wrist fall detector on nanoCLR reaches the host's decisions for the same simulated wrist sequence (walking,
    /// a jump, a double tap, a fall): same samples, same verdicts, same peak samples; peak, score and features within
    /// 0.01 (written with two decimals), as for the waist detector.
    /// </summary>
    [TestClass]
    public static class WristFallParityTests
    {
        private const float Tolerance = 0.01f;

        [TestMethod]
        public static void Wrist_fall_decisions_match_the_host()
        {
            Assert.AreEqual(GoldenVectors.MotionSampleRateHz, FallSensing.SampleRateHz, "wrist detector rate");
            WristFallDetector detector = new WristFallDetector(FallSensing.WristDetectorSettings());
            int[] x = GoldenVectors.WristMotionXmg;
            int[] y = GoldenVectors.WristMotionYmg;
            int[] z = GoldenVectors.WristMotionZmg;
            int found = 0;
            for (int i = 0; i < x.Length; i++)
            {
                FallDecision decision = detector.Process(x[i] / 1000f, y[i] / 1000f, z[i] / 1000f);
                if (decision == FallDecision.None)
                {
                    continue;
                }

                string at = Expect.Case("wrist decision", found);
                Assert.IsTrue(found < GoldenVectors.WristDecisionSample.Length, string.Concat(at, ": unexpected decision at sample ", i.ToString()));
                Assert.AreEqual(GoldenVectors.WristDecisionSample[found], i, string.Concat(at, ": sample"));
                Assert.AreEqual(GoldenVectors.WristDecisionKind[found], (int)decision, string.Concat(at, ": kind"));
                Assert.AreEqual(GoldenVectors.WristPeakSample[found], detector.PeakSample, string.Concat(at, ": peak sample"));
                Expect.Near(GoldenVectors.WristPeakG[found], detector.PeakG, Tolerance, string.Concat(at, ": peak"));
                Expect.Near(GoldenVectors.WristScore[found], detector.Score, Tolerance, string.Concat(at, ": score"));
                float[] expected = GoldenVectors.WristFeatures[found];
                Assert.AreEqual(expected.Length, detector.Features.Length, string.Concat(at, ": feature count"));
                for (int f = 0; f < expected.Length; f++)
                {
                    Expect.Near(expected[f], detector.Features[f], Tolerance, string.Concat(at, ": ", WristFallFeatures.Name(f)));
                }

                found++;
            }

            Assert.AreEqual(GoldenVectors.WristDecisionSample.Length, found, "wrist decisions");
        }
    }
}
