namespace WearableFirmware.Falls
{
    /// <summary>Posture classes for the alert record; coarse on purpose, the phone shows them to carers.</summary>
    public static class BodyPostures
    {
        public const float UprightMaxTiltDegrees = 30f;
        public const float LyingMinTiltDegrees = 60f;

        public static BodyPosture FromTilt(float tiltDegrees)
        {
            if (tiltDegrees < 0f || tiltDegrees > 180f)
            {
                return BodyPosture.Unknown;
            }

            if (tiltDegrees < UprightMaxTiltDegrees)
            {
                return BodyPosture.Upright;
            }

            return tiltDegrees < LyingMinTiltDegrees ? BodyPosture.Inclined : BodyPosture.Lying;
        }
    }
}
