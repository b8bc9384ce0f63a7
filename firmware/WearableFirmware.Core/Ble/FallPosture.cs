namespace WearableFirmware.Ble
{
    /// <summary>Posture after the event (one byte).</summary>
    public enum FallPosture
    {
        Unknown = 0,
        Upright = 1,
        Sitting = 2,
        Lying = 3,
    }
}
