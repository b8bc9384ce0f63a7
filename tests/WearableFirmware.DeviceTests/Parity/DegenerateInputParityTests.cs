using nanoFramework.TestFramework;
using WearableFirmware.Falls;
using WearableFirmware.Vitals;

namespace WearableFirmware.DeviceTests
{
    /// <summary>
    /// Inputs that would divide by zero: on .NET a float division by zero gives infinity or NaN, on nanoCLR (and so on
    /// the ESP32) it throws, and the loop would drop the rest of that stage's tick. The firmware guards every such
    /// division; these inputs reach the guards and must give the contract's answer on both runtimes.
    /// </summary>
    [TestClass]
    public static class DegenerateInputParityTests
    {
        [TestMethod]
        public static void A_zero_vector_has_no_angle()
        {
            // Contract: 0 when either vector is (near) zero, "no posture change".
            Assert.AreEqual(0f, Vector3Math.AngleDegrees(0f, 0f, 0f, 0f, -1f, 0f));
            Assert.AreEqual(0f, Vector3Math.AngleDegrees(0f, -1f, 0f, 0f, 0f, 0f));
        }

        [TestMethod]
        public static void A_flat_pulse_has_no_periodicity()
        {
            PulseHistory history = new PulseHistory(200);
            for (int i = 0; i < 200; i++)
            {
                history.Add(5f);
            }

            Assert.IsTrue(float.IsNaN(history.Correlation(80, 100)), "flat spans: NaN");

            // Tiny but not flat: each variance is positive, their product underflows to zero.
            PulseHistory tiny = new PulseHistory(200);
            for (int i = 0; i < 200; i++)
            {
                tiny.Add(i % 2 == 0 ? 1e-22f : -1e-22f);
            }

            Assert.IsTrue(float.IsNaN(tiny.Correlation(80, 100)), "underflowing product: NaN");
        }

        [TestMethod]
        public static void A_silent_beat_window_gives_zeros()
        {
            BeatWindow window = new BeatWindow(8);
            for (int i = 0; i < 12; i++)
            {
                window.Add(0f, 0f);
            }

            Assert.AreEqual(0f, window.AcRatio);
            Assert.AreEqual(0f, window.Correlation);
            Assert.AreEqual(0f, window.IrPeakToPeak);
            window.Clear();
            Assert.AreEqual(0f, window.AcRatio);
            Assert.AreEqual(0f, window.IrPeakToPeak);
        }

        [TestMethod]
        public static void An_accelerometer_reading_zeros_after_an_impact_is_no_fall()
        {
            // Upright, a 3 g hit, then the sensor reads exactly 0 on every axis: the posture after has no direction.
            FallDetector detector = new FallDetector(FallSensing.DetectorSettings());
            int rate = FallSensing.SampleRateHz;
            int falls = 0;
            for (int i = 0; i < 6 * rate; i++)
            {
                float y = i < 3 * rate ? -1f : i == 3 * rate ? -3f : 0f;
                if (detector.Process(0f, y, 0f) == FallDecision.Fall)
                {
                    falls++;
                }
            }

            Assert.AreEqual(0, falls);
        }

        [TestMethod]
        public static void The_shipped_detector_takes_an_accelerometer_reading_zeros()
        {
            // The same sequence through the detector the application builds (wrist by default): it must keep going.
            IFallDetector detector = FallSensing.CreateDetector(FallSensing.DefaultPlacement, FallSensing.WristDetectorSettings(),
                FallSensing.DetectorSettings());
            int rate = FallSensing.DetectorRateHz(FallSensing.DefaultPlacement, FallSensing.WristDetectorSettings(), FallSensing.DetectorSettings());
            for (int i = 0; i < 12 * rate; i++)
            {
                float y = i < 3 * rate ? -1f : i == 3 * rate ? -3f : 0f;
                detector.Process(0f, y, 0f);
            }

            Assert.AreEqual(0f, detector.Magnitude);
        }

        [TestMethod]
        public static void Vitals_from_a_dark_or_saturated_sensor_are_unavailable()
        {
            VitalsProcessor vitals = new VitalsProcessor(new VitalsConfiguration());
            VitalsReading reading = new VitalsReading();
            for (int i = 0; i < 1000; i++)
            {
                vitals.AddSample(0, 0);
            }

            vitals.Read(ref reading);
            Assert.AreEqual((int)SensorContact.NoContact, (int)reading.Contact);
            Assert.IsFalse(reading.HeartRateValid);

            for (int i = 0; i < 1000; i++)
            {
                vitals.AddSample(262143, 262143);
            }

            vitals.Read(ref reading);
            Assert.IsFalse(reading.HeartRateValid);
            Assert.IsFalse(reading.SpO2Valid);
            Assert.AreEqual(0, reading.BeatCount);
        }

        [TestMethod]
        public static void An_empty_interval_ring_reports_no_rate()
        {
            HeartRateEstimator rate = new HeartRateEstimator(8, 0.15f, 4, 30f, 240f);
            Assert.AreEqual(0f, rate.HeartRateBpm);
            Assert.IsFalse(rate.IsValid);
        }
    }
}
