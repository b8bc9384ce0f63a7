using System;
using WearableFirmware.Drivers;
using WearableFirmware.Drivers.Max3010x;

namespace WearableFirmware.Application
{
    /// <summary>
    /// When and how far <see cref="OffWristPowerPolicy"/> turns the MAX30102 LEDs down while the band is off the
    /// wrist. The numbers and the current they save are worked out in hardware-notes/power.md.
    /// </summary>
    public sealed class OffWristPowerSettings
    {
        /// <summary>False keeps the configured LED currents at all times.</summary>
        public bool Enabled = true;

        /// <summary>
        /// Contact absent this long before the LEDs go down (s). Long enough that adjusting the band, a loose fit
        /// during exercise or a brief lift never costs the wearer a restart of the readings.
        /// </summary>
        public int NoContactSeconds = 30;

        /// <summary>Red LED while off the wrist: off; contact detection uses IR only.</summary>
        public float RedCurrentMilliamps = 0f;

        /// <summary>
        /// IR LED while off the wrist: the lowest drive at which skin returning
        /// <see cref="MinimumSkinIrNanoampsPerMilliamp"/> still crosses the contact threshold, so putting the band
        /// back on is detected without raising the current first.
        /// </summary>
        public float IrCurrentMilliamps = 2.8f;

        /// <summary>
        /// Darkest or loosest-fitting skin the off-wrist current must still see, in nA of IR photocurrent per mA of
        /// drive: a quarter of the 900 nA/mA the simulated wrist returns. An assumption until measured on wearers.
        /// </summary>
        public float MinimumSkinIrNanoampsPerMilliamp = 225f;

        /// <summary>
        /// Null when the settings are usable with this sensor configuration and contact threshold, else why not.
        /// </summary>
        public string Validate(Max3010xSettings ppg, int contactThresholdCounts)
        {
            if (NoContactSeconds < 1)
            {
                return "off-wrist delay " + NoContactSeconds.ToString() + " s must be at least 1 s";
            }

            if (!(RedCurrentMilliamps >= 0f && RedCurrentMilliamps <= ppg.RedLedCurrentMilliamps))
            {
                return "off-wrist red LED current " + DecimalText.Fixed(RedCurrentMilliamps, 1) + " mA must be between 0 and the worn current "
                    + DecimalText.Fixed(ppg.RedLedCurrentMilliamps, 1) + " mA";
            }

            if (ppg.Mode != LedMode.SpO2)
            {
                return "the off-wrist policy needs the IR LED, so the MAX30102 must run in SpO2 mode";
            }

            if (!(IrCurrentMilliamps > 0f && IrCurrentMilliamps <= ppg.IrLedCurrentMilliamps))
            {
                return "off-wrist IR LED current " + DecimalText.Fixed(IrCurrentMilliamps, 1) + " mA must be above 0 and at most the worn current "
                    + DecimalText.Fixed(ppg.IrLedCurrentMilliamps, 1) + " mA";
            }

            // Counts the weakest skin gives at the programmed step: nA / full scale x 2^resolution.
            float programmed = Max3010xSettings.LedCurrentCode(IrCurrentMilliamps) * 0.2f;
            float skinCounts = programmed * MinimumSkinIrNanoampsPerMilliamp / ppg.FullScaleNanoamps * (1 << ppg.ResolutionBits);
            if (skinCounts < contactThresholdCounts)
            {
                return "off-wrist IR LED current " + DecimalText.Fixed(IrCurrentMilliamps, 1) + " mA gives skin returning "
                    + DecimalText.Fixed(MinimumSkinIrNanoampsPerMilliamp, 0) + " nA/mA only " + ((int)skinCounts).ToString()
                    + " counts, below the contact threshold of " + contactThresholdCounts.ToString() + ": re-contact would go unseen";
            }

            return null;
        }

        /// <summary>Throws <see cref="ArgumentException"/> with the <see cref="Validate"/> message.</summary>
        public void ThrowIfInvalid(Max3010xSettings ppg, int contactThresholdCounts)
        {
            string error = Validate(ppg, contactThresholdCounts);
            if (error != null)
            {
                throw new ArgumentException(error);
            }
        }
    }
}
