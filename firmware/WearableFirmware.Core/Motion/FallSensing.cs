using WearableFirmware.Drivers.Adxl345;

namespace WearableFirmware.Motion
{
    /// <summary>
    /// The firmware's one accelerometer configuration for fall detection: the ADXL345 at
    /// <see cref="Adxl345Settings.WearableDataRate"/> (50 Hz) and the fall detector at the same rate, the rate its
    /// thresholds were chosen at (eval-falls / tune-falls replay SisFall through the chip model at this rate).
    /// Every sample the driver drains goes to the detector as is; there is no resampling in the firmware.
    /// </summary>
    public static class FallSensing
    {
        /// <summary>Samples per second the detector receives: the ADXL345's output data rate.</summary>
        public const int SampleRateHz = FallDetectorSettings.DefaultSampleRateHz;

        /// <summary>The ADXL345 settings the application starts the driver with.</summary>
        public static Adxl345Settings AccelerometerSettings()
        {
            Adxl345Settings settings = new Adxl345Settings();
            settings.DataRate = Adxl345Settings.WearableDataRate;
            return settings;
        }

        /// <summary>The fall detector settings that match <see cref="AccelerometerSettings"/>.</summary>
        public static FallDetectorSettings DetectorSettings()
        {
            FallDetectorSettings settings = new FallDetectorSettings();
            settings.SampleRateHz = SampleRateHz;
            return settings;
        }
    }
}
