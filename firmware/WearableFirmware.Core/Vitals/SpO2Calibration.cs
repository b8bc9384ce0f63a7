using System;

namespace WearableFirmware.Vitals
{
    /// <summary>
    /// The curve from the ratio of ratios R = (AC_red / DC_red) / (AC_ir / DC_ir) to SpO2:
    /// SpO2 = Constant + Linear·R + Quadratic·R² (%). It belongs to a sensor (LED wavelengths, optics, mechanics) and
    /// must be measured for a product against a reference oximeter over a desaturation range; the simulator's
    /// <c>fit-spo2</c> command fits one from a data set.
    /// </summary>
    public sealed class SpO2Calibration
    {
        public SpO2Calibration(float constant, float linear, float quadratic, string source)
        {
            Constant = constant;
            Linear = linear;
            Quadratic = quadratic;
            Source = source;
        }

        public float Constant { get; private set; }

        public float Linear { get; private set; }

        public float Quadratic { get; private set; }

        /// <summary>Where the coefficients come from (document, data set).</summary>
        public string Source { get; private set; }

        /// <summary>
        /// The device default: Maxim Integrated, Application Note 6845 "Guidelines for SpO2 Measurement Using the
        /// Maxim MAX32664 Sensor Hub", calibration of a MAX30101 without optical shield,
        /// SpO2 = 1.5958422·R² − 34.6596622·R + 112.6898759 (the same coefficients are the example calibration in
        /// Maxim's UG7087, "Measuring Heart Rate and SpO2 Using the MAX32664A", Table 8). The MAX30101 and MAX30102
        /// share the red (660 nm) and IR (880 nm) LEDs and photodiode; the MAX30101 adds a green LED only.
        /// </summary>
        public static SpO2Calibration Max3010xMaxim()
        {
            return new SpO2Calibration(112.6898759f, -34.6596622f, 1.5958422f,
                "Maxim AN6845 (MAX32664 SpO2 guidelines), MAX30101 without optical shield");
        }

        /// <summary>
        /// A Maxim MAXM86161 module on a finger: SpO2 = 112.4276 − 33.175747·R, fitted by <c>fit-spo2</c> to the ratios
        /// of ratios the firmware computes in its short-record mode from 27 OxiWear test points
        /// (github.com/aarusso/OxiWear, spo2-data/proto1 at 78aa9f5, the development half; one subject, altitude-simulator
        /// hypoxia, reference oximeter not stated) against their reference SpO2, 70-98 %. Linear because leave-one-file-out
        /// (3.28 % against 3.39 %) and five time blocks (3.35 % against 3.90 %) both chose it over the quadratic. Over
        /// R 0.45-1.2 it lies within 1 % SpO2 of <see cref="Max3010xMaxim"/>. For that sensor, not the MAX30102; one
        /// subject is not a clinical validation (Vitals/SpO2.md).
        /// </summary>
        public static SpO2Calibration Maxm86161Finger()
        {
            return new SpO2Calibration(112.4276f, -33.175747f, 0f,
                "MAXM86161 finger, fit-spo2 on 27 OxiWear test points (aarusso/OxiWear proto1 @78aa9f5, one subject), linear");
        }

        /// <summary>SpO2 in % for a ratio of ratios (not clamped).</summary>
        public float Evaluate(float ratio)
        {
            return Constant + ratio * (Linear + ratio * Quadratic);
        }

        /// <summary>
        /// The ratio of ratios the curve maps to <paramref name="spo2Percent"/> (bisection over R 0.2-2.0, where
        /// <see cref="Validate"/> guarantees the curve falls): used by the simulated sensor to produce a requested SpO2.
        /// </summary>
        public float RatioFor(float spo2Percent)
        {
            float low = 0.2f;
            float high = 2f;
            for (int i = 0; i < 40; i++)
            {
                float middle = 0.5f * (low + high);
                if (Evaluate(middle) > spo2Percent)
                {
                    low = middle;
                }
                else
                {
                    high = middle;
                }
            }

            return 0.5f * (low + high);
        }

        /// <summary>Throws when the curve cannot be used: non-finite coefficients, or SpO2 not falling throughout R 0.2-2.</summary>
        public void Validate()
        {
            if (float.IsNaN(Constant) || float.IsNaN(Linear) || float.IsNaN(Quadratic)
                || float.IsInfinity(Constant) || float.IsInfinity(Linear) || float.IsInfinity(Quadratic))
            {
                throw new ArgumentException("calibration coefficients must be finite numbers", "calibration");
            }

            // Physiology: more red absorption relative to IR means less oxygen, so the curve must fall with R.
            // The slope Linear + 2·Quadratic·R is linear in R, so negative at both ends means falling throughout: a
            // curve that dips and rises between the ends would map one ratio to two SpO2 readings and break RatioFor.
            if (!(Linear + 2f * Quadratic * 0.2f < 0f) || !(Linear + 2f * Quadratic * 2f < 0f))
            {
                throw new ArgumentException("calibration must give lower SpO2 for a higher ratio", "calibration");
            }
        }
    }
}
