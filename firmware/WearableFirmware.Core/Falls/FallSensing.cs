using WearableFirmware.Drivers.Adxl345;

namespace WearableFirmware.Falls
{
    /// <summary>
    /// The firmware's one accelerometer configuration for fall detection: the ADXL345 at
    /// <see cref="Adxl345Settings.WearableDataRate"/> (50 Hz) and the fall detector for the placement at the same
    /// rate, the rate its thresholds or model were chosen at (eval-falls / tune-falls replay the recordings through the
    /// chip model at this rate). Every sample the driver drains goes to the detector as is; there is no resampling in
    /// the firmware.
    /// </summary>
    public static class FallSensing
    {
        /// <summary>Samples per second the detector receives: the ADXL345's output data rate.</summary>
        public const int SampleRateHz = FallDetectorSettings.DefaultSampleRateHz;

        /// <summary>Where the shipped product is worn.</summary>
        public const SensorPlacement DefaultPlacement = SensorPlacement.Wrist;

        /// <summary>The ADXL345 settings the application starts the driver with.</summary>
        public static Adxl345Settings AccelerometerSettings()
        {
            Adxl345Settings settings = new Adxl345Settings();
            settings.DataRate = Adxl345Settings.WearableDataRate;
            return settings;
        }

        /// <summary>The waist (belt clip) detector settings that match <see cref="AccelerometerSettings"/>.</summary>
        public static FallDetectorSettings DetectorSettings()
        {
            FallDetectorSettings settings = new FallDetectorSettings();
            settings.SampleRateHz = SampleRateHz;
            return settings;
        }

        /// <summary>The wrist detector settings that match <see cref="AccelerometerSettings"/>.</summary>
        public static WristFallDetectorSettings WristDetectorSettings()
        {
            WristFallDetectorSettings settings = new WristFallDetectorSettings();
            settings.SampleRateHz = SampleRateHz;
            return settings;
        }

        /// <summary>The detector for a placement, each with its own validated settings.</summary>
        public static IFallDetector CreateDetector(SensorPlacement placement, WristFallDetectorSettings wrist, FallDetectorSettings waist)
        {
            if (placement == SensorPlacement.Waist)
            {
                return new FallDetector(waist);
            }

            return new WristFallDetector(wrist);
        }

        /// <summary>The rate the placement's detector expects, in Hz.</summary>
        public static int DetectorRateHz(SensorPlacement placement, WristFallDetectorSettings wrist, FallDetectorSettings waist)
        {
            return placement == SensorPlacement.Waist ? waist.SampleRateHz : wrist.SampleRateHz;
        }
    }
}
