using nanoFramework.TestFramework;
using WearableFirmware.Ble;

namespace WearableFirmware.DeviceTests
{
    /// <summary>
    /// GATT value encoders on nanoCLR give byte-for-byte the values the host build gave (GoldenVectors, written by
    /// `write-vectors`). Integer outputs, so equality is exact; a difference means nanoCLR computes the float
    /// rounding or the integer packing differently from CoreCLR.
    /// </summary>
    [TestClass]
    public static class GattParityTests
    {
        // The launcher runs each test without an instance of its class: shared state is static.
        private static readonly byte[] Buffer = new byte[256];

        [TestMethod]
        public static void SFloat_encodings_match_the_host()
        {
            for (int i = 0; i < GoldenVectors.SFloatValues.Length; i++)
            {
                ushort actual = Ieee11073Float.EncodeSFloat(GoldenVectors.SFloatValues[i], GoldenVectors.SFloatExponents[i]);
                Assert.AreEqual(GoldenVectors.SFloatEncoded[i], actual, Expect.Case("SFLOAT", i));
            }
        }

        [TestMethod]
        public static void Float_encodings_match_the_host()
        {
            for (int i = 0; i < GoldenVectors.FloatValues.Length; i++)
            {
                uint actual = Ieee11073Float.EncodeFloat(GoldenVectors.FloatValues[i], GoldenVectors.FloatExponents[i]);
                Assert.AreEqual(GoldenVectors.FloatEncoded[i], actual, Expect.Case("FLOAT", i));
            }
        }

        [TestMethod]
        public static void Heart_rate_measurements_match_the_host()
        {
            for (int i = 0; i < GoldenVectors.HrmFrames.Length; i++)
            {
                HeartRateService service = new HeartRateService();
                int[] rr = GoldenVectors.HrmRrMilliseconds[i];
                for (int k = 0; k < rr.Length; k++)
                {
                    service.AddRrIntervalMilliseconds(rr[k]);
                }

                int length = service.EncodeMeasurement(Buffer, GoldenVectors.HrmMaxLength[i], GoldenVectors.HrmBeatsPerMinute[i], GoldenVectors.HrmContact[i]);
                Expect.SameBytes(GoldenVectors.HrmFrames[i], Buffer, length, Expect.Case("Heart Rate Measurement", i));
            }
        }

        [TestMethod]
        public static void Plx_continuous_measurements_match_the_host()
        {
            for (int i = 0; i < GoldenVectors.ContinuousFrames.Length; i++)
            {
                int length = PulseOximeterService.EncodeContinuous(Buffer, GoldenVectors.ContinuousSpO2[i], GoldenVectors.ContinuousPulseRate[i],
                    GoldenVectors.ContinuousStatus[i], GoldenVectors.ContinuousDeviceStatus[i], GoldenVectors.ContinuousPai[i]);
                Expect.SameBytes(GoldenVectors.ContinuousFrames[i], Buffer, length, Expect.Case("PLX Continuous", i));
            }
        }

        [TestMethod]
        public static void Plx_spot_check_measurements_match_the_host()
        {
            for (int i = 0; i < GoldenVectors.SpotCheckFrames.Length; i++)
            {
                int length = PulseOximeterService.EncodeSpotCheck(Buffer, GoldenVectors.SpotCheckSpO2[i], GoldenVectors.SpotCheckPulseRate[i],
                    GoldenVectors.SpotCheckClockSet[i], GoldenVectors.SpotCheckTimestamp[i], GoldenVectors.SpotCheckStatus[i],
                    GoldenVectors.SpotCheckDeviceStatus[i], GoldenVectors.SpotCheckPai[i], GoldenVectors.SpotCheckFromStorage[i]);
                Expect.SameBytes(GoldenVectors.SpotCheckFrames[i], Buffer, length, Expect.Case("PLX Spot-check", i));
            }
        }

        [TestMethod]
        public static void Current_time_values_match_the_host()
        {
            for (int i = 0; i < GoldenVectors.CurrentTimeFrames.Length; i++)
            {
                int length = CurrentTimeService.Encode(Buffer, GoldenVectors.CurrentTimeClockSet[i], GoldenVectors.CurrentTimeUnixSeconds[i],
                    GoldenVectors.CurrentTimeAdjust[i]);
                Expect.SameBytes(GoldenVectors.CurrentTimeFrames[i], Buffer, length, Expect.Case("Current Time", i));
            }
        }

        [TestMethod]
        public static void Fall_events_match_the_host()
        {
            for (int i = 0; i < GoldenVectors.FallEventFrames.Length; i++)
            {
                int length = FallAlertService.EncodeFallEvent(Buffer, GoldenVectors.FallEventId[i], (FallEventKind)GoldenVectors.FallEventKind[i],
                    GoldenVectors.FallEventTimeFlags[i], GoldenVectors.FallEventTime[i], GoldenVectors.FallEventImpact[i],
                    (FallPosture)GoldenVectors.FallEventPosture[i], GoldenVectors.FallEventHeartRate[i], GoldenVectors.FallEventSpO2[i]);
                Expect.SameBytes(GoldenVectors.FallEventFrames[i], Buffer, length, Expect.Case("Fall Event", i));
            }
        }
    }
}
