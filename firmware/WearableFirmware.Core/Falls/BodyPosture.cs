namespace WearableFirmware.Falls
{
    /// <summary>Trunk posture from the tilt of gravity against the device's upright axis (waist-worn device).</summary>
    public enum BodyPosture
    {
        Unknown = 0,

        /// <summary>Standing or walking: tilt below <see cref="BodyPostures.UprightMaxTiltDegrees"/>.</summary>
        Upright = 1,

        /// <summary>Sitting, reclining or on hands and knees.</summary>
        Inclined = 2,

        /// <summary>Tilt at or above <see cref="BodyPostures.LyingMinTiltDegrees"/>: the trunk is near horizontal.</summary>
        Lying = 3,
    }
}
