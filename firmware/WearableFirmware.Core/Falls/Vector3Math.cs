using System;

namespace WearableFirmware.Falls
{
    /// <summary>Float vector helpers for accelerometer samples (nanoFramework's Math has Sqrt/Acos in double only).</summary>
    public static class Vector3Math
    {
        private const double DegreesPerRadian = 180.0 / Math.PI;

        /// <summary>Euclidean length of (x, y, z).</summary>
        public static float Magnitude(float x, float y, float z)
        {
            return (float)Math.Sqrt(x * x + y * y + z * z);
        }

        /// <summary>
        /// Angle in degrees (0..180) between two vectors; 0 when either is (near) zero, since a direction is then
        /// undefined and "no posture change" is the safe answer for a fall decision.
        /// </summary>
        public static float AngleDegrees(float ax, float ay, float az, float bx, float by, float bz)
        {
            float lengths = Magnitude(ax, ay, az) * Magnitude(bx, by, bz);
            if (lengths < 1e-6f)
            {
                return 0f;
            }

            float cosine = Math.Clamp((ax * bx + ay * by + az * bz) / lengths, -1f, 1f);
            return (float)(Math.Acos(cosine) * DegreesPerRadian);
        }
    }
}
