namespace WearableFirmware.Ble
{
    /// <summary>
    /// IEEE 11073-20601 medical number formats as GATT carries them: 16-bit SFLOAT (4-bit signed exponent, 12-bit
    /// signed mantissa) and 32-bit FLOAT (8-bit exponent, 24-bit mantissa), value = mantissa * 10^exponent.
    /// The encoders keep the caller's stated resolution (the exponent) and only coarsen it when the mantissa would
    /// not fit; finite values never take a mantissa that collides with the special patterns (|m| &lt;= 2045 or
    /// 2^23 - 3), so a reader that treats any exponent's ±2046/2047/-2048 as special still reads them right.
    /// Rounding is half away from zero. Allocation-free.
    /// </summary>
    public static class Ieee11073Float
    {
        public const ushort SFloatNaN = 0x07FF;
        public const ushort SFloatNRes = 0x0800;
        public const ushort SFloatPositiveInfinity = 0x07FE;
        public const ushort SFloatNegativeInfinity = 0x0802;
        public const ushort SFloatReserved = 0x0801;

        public const uint FloatNaN = 0x007FFFFF;
        public const uint FloatNRes = 0x00800000;
        public const uint FloatPositiveInfinity = 0x007FFFFE;
        public const uint FloatNegativeInfinity = 0x00800002;
        public const uint FloatReserved = 0x00800001;

        public const int SFloatMaxMantissa = 2045;
        public const int SFloatMinExponent = -8;
        public const int SFloatMaxExponent = 7;
        public const int FloatMaxMantissa = 8388605;
        public const int FloatMinExponent = -128;
        public const int FloatMaxExponent = 127;

        // 10^0 .. 10^127 (beyond 10^22 doubles are the nearest value, which is all a float result can use).
        private static readonly double[] PowersOfTen = BuildPowersOfTen();

        /// <summary>
        /// Encodes <paramref name="value"/> with resolution 10^<paramref name="exponent"/> (e.g. -1 for 0.1 %).
        /// NaN gives NaN; ±infinity and magnitudes beyond 2045e7 give ±INF; values that round to zero give 0.
        /// </summary>
        public static ushort EncodeSFloat(float value, int exponent)
        {
            int mantissa;
            switch (Fit(value, exponent, SFloatMinExponent, SFloatMaxExponent, SFloatMaxMantissa, out mantissa, out exponent))
            {
                case FitNaN:
                    return SFloatNaN;
                case FitPositiveInfinity:
                    return SFloatPositiveInfinity;
                case FitNegativeInfinity:
                    return SFloatNegativeInfinity;
                default:
                    return SFloatFromParts(mantissa, exponent);
            }
        }

        /// <summary>Packs a mantissa (|m| &lt;= 2045) and exponent (-8..7) without any rounding.</summary>
        public static ushort SFloatFromParts(int mantissa, int exponent)
        {
            if (mantissa < -SFloatMaxMantissa || mantissa > SFloatMaxMantissa || exponent < SFloatMinExponent || exponent > SFloatMaxExponent)
            {
                return SFloatNRes;
            }

            return (ushort)(((exponent & 0x0F) << 12) | (mantissa & 0x0FFF));
        }

        /// <summary>Decodes an SFLOAT; NaN, NRes and the reserved value read as float.NaN, ±INF as ±infinity.</summary>
        public static float DecodeSFloat(ushort raw)
        {
            switch (raw)
            {
                case SFloatNaN:
                case SFloatNRes:
                case SFloatReserved:
                    return float.NaN;
                case SFloatPositiveInfinity:
                    return float.PositiveInfinity;
                case SFloatNegativeInfinity:
                    return float.NegativeInfinity;
            }

            int mantissa = raw & 0x0FFF;
            if ((mantissa & 0x0800) != 0)
            {
                mantissa -= 0x1000;
            }

            int exponent = (raw >> 12) & 0x0F;
            if ((exponent & 0x08) != 0)
            {
                exponent -= 0x10;
            }

            return (float)Scale(mantissa, exponent);
        }

        /// <summary>True for the five special SFLOAT patterns.</summary>
        public static bool IsSFloatSpecial(ushort raw)
        {
            return raw == SFloatNaN || raw == SFloatNRes || raw == SFloatReserved || raw == SFloatPositiveInfinity || raw == SFloatNegativeInfinity;
        }

        /// <summary>32-bit FLOAT counterpart of <see cref="EncodeSFloat"/>.</summary>
        public static uint EncodeFloat(float value, int exponent)
        {
            int mantissa;
            switch (Fit(value, exponent, FloatMinExponent, FloatMaxExponent, FloatMaxMantissa, out mantissa, out exponent))
            {
                case FitNaN:
                    return FloatNaN;
                case FitPositiveInfinity:
                    return FloatPositiveInfinity;
                case FitNegativeInfinity:
                    return FloatNegativeInfinity;
                default:
                    return FloatFromParts(mantissa, exponent);
            }
        }

        /// <summary>Packs a mantissa (|m| &lt;= 2^23 - 3) and exponent (-128..127) without rounding.</summary>
        public static uint FloatFromParts(int mantissa, int exponent)
        {
            if (mantissa < -FloatMaxMantissa || mantissa > FloatMaxMantissa || exponent < FloatMinExponent || exponent > FloatMaxExponent)
            {
                return FloatNRes;
            }

            return ((uint)(exponent & 0xFF) << 24) | ((uint)mantissa & 0x00FFFFFF);
        }

        public static float DecodeFloat(uint raw)
        {
            switch (raw)
            {
                case FloatNaN:
                case FloatNRes:
                case FloatReserved:
                    return float.NaN;
                case FloatPositiveInfinity:
                    return float.PositiveInfinity;
                case FloatNegativeInfinity:
                    return float.NegativeInfinity;
            }

            int mantissa = (int)(raw & 0x00FFFFFF);
            if ((mantissa & 0x00800000) != 0)
            {
                mantissa -= 0x01000000;
            }

            int exponent = (int)(raw >> 24);
            if (exponent >= 0x80)
            {
                exponent -= 0x100;
            }

            return (float)Scale(mantissa, exponent);
        }

        public static bool IsFloatSpecial(uint raw)
        {
            return raw == FloatNaN || raw == FloatNRes || raw == FloatReserved || raw == FloatPositiveInfinity || raw == FloatNegativeInfinity;
        }

        /// <summary>Writes an SFLOAT little-endian at <paramref name="offset"/>; returns the offset after it.</summary>
        public static int WriteSFloat(byte[] buffer, int offset, float value, int exponent)
        {
            return ByteWriter.UInt16(buffer, offset, EncodeSFloat(value, exponent));
        }

        private const int Fitted = 0;
        private const int FitNaN = 1;
        private const int FitPositiveInfinity = 2;
        private const int FitNegativeInfinity = 3;

        // Finds the mantissa at the stated exponent, raising the exponent while the mantissa is too large.
        private static int Fit(float value, int exponent, int minExponent, int maxExponent, int maxMantissa, out int mantissa, out int usedExponent)
        {
            mantissa = 0;
            usedExponent = 0;
            if (float.IsNaN(value))
            {
                return FitNaN;
            }

            if (value > float.MaxValue || value < -float.MaxValue)
            {
                return value > 0 ? FitPositiveInfinity : FitNegativeInfinity;
            }

            // A resolution outside the format's exponent range takes the nearest one the format has.
            int first = exponent < minExponent ? minExponent : exponent > maxExponent ? maxExponent : exponent;
            for (usedExponent = first; usedExponent <= maxExponent; usedExponent++)
            {
                long scaled = RoundScaled(value, usedExponent);
                if (scaled >= -maxMantissa && scaled <= maxMantissa)
                {
                    mantissa = (int)scaled;
                    return Fitted;
                }
            }

            return value > 0 ? FitPositiveInfinity : FitNegativeInfinity;
        }

        // value / 10^exponent rounded half away from zero; saturates far outside the long range.
        private static long RoundScaled(float value, int exponent)
        {
            double scaled = exponent >= 0 ? value / PowersOfTen[exponent] : value * PowersOfTen[-exponent];
            if (scaled > 9.0e18 || scaled < -9.0e18)
            {
                return scaled > 0 ? long.MaxValue : long.MinValue;
            }

            return scaled >= 0 ? (long)(scaled + 0.5) : -(long)(-scaled + 0.5);
        }

        // Dividing by an exact power of ten (rather than multiplying by 0.1) keeps 975e-1 exactly 97.5.
        private static double Scale(int mantissa, int exponent)
        {
            return exponent >= 0 ? mantissa * PowersOfTen[exponent] : mantissa / PowersOfTen[-exponent];
        }

        private static double[] BuildPowersOfTen()
        {
            double[] powers = new double[129];
            double p = 1.0;
            for (int i = 0; i < powers.Length; i++)
            {
                powers[i] = p;
                p *= 10.0;
            }

            return powers;
        }
    }
}
