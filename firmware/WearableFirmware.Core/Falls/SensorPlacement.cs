namespace WearableFirmware.Falls
{
    /// <summary>
    /// Where the accelerometer is worn. Each placement has its own fall detector, tuned and validated on recordings
    /// from that place: the wrist on WEDA-FALL (a smartwatch), the waist on SisFall (a belt clip).
    /// </summary>
    public enum SensorPlacement
    {
        /// <summary>The product as shipped: a band on either wrist (<see cref="WristFallDetector"/>).</summary>
        Wrist = 0,

        /// <summary>A belt-clip build (<see cref="FallDetector"/>; needs the enclosure's upright axis).</summary>
        Waist = 1,
    }
}
