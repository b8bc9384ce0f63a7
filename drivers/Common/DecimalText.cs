namespace WearableFirmware.Drivers
{
    /// <summary>
    /// A number written with a fixed count of decimals, the same on nanoFramework as on .NET. Their float and double
    /// ToString differ (nanoFramework writes 2.8f as "2.79999995", 1E+10f as "10000000E+10", and rounds "F1" its own
    /// way), so messages a person reads are written with this instead. For messages, not for data (allocates).
    /// </summary>
    public static class DecimalText
    {
        /// <summary>
        /// <paramref name="value"/> rounded half away from zero to <paramref name="decimals"/> (0..6) decimals, e.g.
        /// Fixed(2.8f, 1) = "2.8", Fixed(-0.05f, 1) = "-0.1", Fixed(7f, 2) = "7.00"; "NaN", "Infinity", "-Infinity"
        /// for those, and the same with exponent for magnitudes beyond 9e15 after scaling.
        /// </summary>
        public static string Fixed(float value, int decimals)
        {
            if (float.IsNaN(value))
            {
                return "NaN";
            }

            if (float.IsInfinity(value))
            {
                return value > 0 ? "Infinity" : "-Infinity";
            }

            if (decimals < 0)
            {
                decimals = 0;
            }
            else if (decimals > 6)
            {
                decimals = 6;
            }

            long scale = 1;
            for (int i = 0; i < decimals; i++)
            {
                scale *= 10;
            }

            bool negative = value < 0;
            double magnitude = (negative ? -(double)value : value) * scale;
            if (magnitude > 9e15)
            {
                return Fixed((float)(value / 1e9), decimals) + "E+09";
            }

            long units = (long)(magnitude + 0.5);
            string text = (units / scale).ToString();
            if (decimals > 0)
            {
                string fraction = (units % scale).ToString();
                while (fraction.Length < decimals)
                {
                    fraction = "0" + fraction;
                }

                text = text + "." + fraction;
            }

            return negative && units != 0 ? "-" + text : text;
        }
    }
}
