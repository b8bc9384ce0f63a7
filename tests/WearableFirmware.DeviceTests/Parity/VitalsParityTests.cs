using nanoFramework.TestFramework;
using WearableFirmware.Vitals;

namespace WearableFirmware.DeviceTests
{
    /// <summary>
    /// The vitals pipeline on nanoCLR reaches the host's readings for the same red/IR sequence. Flags, contact,
    /// signal quality and beat counts must match exactly; heart rate and SpO2 within 0.5 bpm / 0.5 % (the host
    /// values are written with two decimals, and nanoCLR's float and double-emulated math may differ in the last
    /// bits; a real arithmetic difference moves beats or the ratio by far more).
    /// </summary>
    [TestClass]
    public static class VitalsParityTests
    {
        private const float HeartRateToleranceBpm = 0.5f;
        private const float SpO2TolerancePercent = 0.5f;

        [TestMethod]
        public static void Vitals_readings_match_the_host()
        {
            VitalsProcessor vitals = new VitalsProcessor(new VitalsConfiguration());
            int[] red = GoldenVectors.PpgRed;
            int[] ir = GoldenVectors.PpgIr;
            int reading = 0;
            for (int i = 0; i < red.Length; i++)
            {
                vitals.AddSample(red[i], ir[i]);
                if ((i + 1) % GoldenVectors.PpgSamplesPerReading != 0)
                {
                    continue;
                }

                VitalsReading r = vitals.Reading;
                string at = Expect.Case("second", reading + 1);
                Assert.AreEqual(GoldenVectors.ReadingContact[reading], (int)r.Contact, string.Concat(at, ": contact"));
                Assert.AreEqual(GoldenVectors.ReadingQuality[reading], (int)r.Quality, string.Concat(at, ": quality"));
                Assert.AreEqual(GoldenVectors.ReadingBeatCount[reading], r.BeatCount, string.Concat(at, ": beats"));
                Assert.AreEqual(GoldenVectors.ReadingHeartRateValid[reading], r.HeartRateValid, string.Concat(at, ": heart rate valid"));
                Assert.AreEqual(GoldenVectors.ReadingSpO2Valid[reading], r.SpO2Valid, string.Concat(at, ": SpO2 valid"));
                Expect.Near(GoldenVectors.ReadingHeartRateBpm[reading], r.HeartRateBpm, HeartRateToleranceBpm, string.Concat(at, ": heart rate"));
                Expect.Near(GoldenVectors.ReadingSpO2Percent[reading], r.SpO2Percent, SpO2TolerancePercent, string.Concat(at, ": SpO2"));
                reading++;
            }

            Assert.AreEqual(GoldenVectors.ReadingBeatCount.Length, reading, "readings compared");
        }
    }
}
