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
    public class GattParityTests
    {
        // Static: the nanoFramework test launcher calls test methods without an instance.
        private static readonly byte[] _buffer = new byte[256];

        [TestMethod]
        public void SFloat_encodings_match_the_host()
        {
            for (int i = 0; i < GoldenVectors.SFloatValues.Length; i++)
            {
                ushort actual = Ieee11073Float.EncodeSFloat(GoldenVectors.SFloatValues[i], GoldenVectors.SFloatExponents[i]);
                Assert.AreEqual(GoldenVectors.SFloatEncoded[i], actual, Expect.Case("SFLOAT", i));
            }
        }

        [TestMethod]
        public void Float_encodings_match_the_host()
        {
            for (int i = 0; i < GoldenVectors.FloatValues.Length; i++)
            {
                uint actual = Ieee11073Float.EncodeFloat(GoldenVectors.FloatValues[i], GoldenVectors.FloatExponents[i]);
                Assert.AreEqual(GoldenVectors.FloatEncoded[i], actual, Expect.Case("FLOAT", i));
            }
        }

        [TestMethod]
        public void Heart_rate_measurements_match_the_host()
        {
            for (int i = 0; i < GoldenVectors.HrmFrames.Length; i++)
            {
                HeartRateService service = new HeartRateService();
                int[] rr = GoldenVectors.HrmRrMilliseconds[i];
                for (int k = 0; k < rr.Length; k++)
                {
                    service.AddRrIntervalMilliseconds(rr[k]);
                }

                int length = service.EncodeMeasurement(_buffer, GoldenVectors.HrmMaxLength[i], GoldenVectors.HrmBeatsPerMinute[i], GoldenVectors.HrmContact[i]);
                Expect.SameBytes(GoldenVectors.HrmFrames[i], _buffer, length, Expect.Case("Heart Rate Measurement", i));
            }
        }

        [TestMethod]
        public void Plx_continuous_measurements_match_the_host()
        {
            for (int i = 0; i < GoldenVectors.ContinuousFrames.Length; i++)
            {
                int length = PulseOximeterService.EncodeContinuous(_buffer, GoldenVectors.ContinuousSpO2[i], GoldenVectors.ContinuousPulseRate[i],
                    GoldenVectors.ContinuousStatus[i], GoldenVectors.ContinuousDeviceStatus[i], GoldenVectors.ContinuousPai[i]);
                Expect.SameBytes(GoldenVectors.ContinuousFrames[i], _buffer, length, Expect.Case("PLX Continuous", i));
            }
        }

        [TestMethod]
        public void Plx_spot_check_measurements_match_the_host()
        {
            for (int i = 0; i < GoldenVectors.SpotCheckFrames.Length; i++)
            {
                int length = PulseOximeterService.EncodeSpotCheck(_buffer, GoldenVectors.SpotCheckSpO2[i], GoldenVectors.SpotCheckPulseRate[i],
                    GoldenVectors.SpotCheckClockSet[i], GoldenVectors.SpotCheckTimestamp[i], GoldenVectors.SpotCheckStatus[i],
                    GoldenVectors.SpotCheckDeviceStatus[i], GoldenVectors.SpotCheckPai[i], GoldenVectors.SpotCheckFromStorage[i]);
                Expect.SameBytes(GoldenVectors.SpotCheckFrames[i], _buffer, length, Expect.Case("PLX Spot-check", i));
            }
        }

        [TestMethod]
        public void Current_time_values_match_the_host()
        {
            for (int i = 0; i < GoldenVectors.CurrentTimeFrames.Length; i++)
            {
                int length = CurrentTimeService.Encode(_buffer, GoldenVectors.CurrentTimeClockSet[i], GoldenVectors.CurrentTimeUnixSeconds[i],
                    GoldenVectors.CurrentTimeAdjust[i]);
                Expect.SameBytes(GoldenVectors.CurrentTimeFrames[i], _buffer, length, Expect.Case("Current Time", i));
            }
        }

        [TestMethod]
        public void Fall_events_match_the_host()
        {
            for (int i = 0; i < GoldenVectors.FallEventFrames.Length; i++)
            {
                int length = FallAlertService.EncodeFallEvent(_buffer, GoldenVectors.FallEventId[i], (FallEventKind)GoldenVectors.FallEventKind[i],
                    GoldenVectors.FallEventTimeFlags[i], GoldenVectors.FallEventTime[i], GoldenVectors.FallEventImpact[i],
                    (FallPosture)GoldenVectors.FallEventPosture[i], GoldenVectors.FallEventHeartRate[i], GoldenVectors.FallEventSpO2[i]);
                Expect.SameBytes(GoldenVectors.FallEventFrames[i], _buffer, length, Expect.Case("Fall Event", i));
            }
        }
    }
}
