namespace WearableFirmware.Alarms
{
    /// <summary>
    /// Priority of an alarm condition in the sense of IEC 60601-1-8: high needs immediate response, medium prompt
    /// response, low awareness. Ordered, so a larger value is more urgent. Stored on flash and sent over BLE as one
    /// byte: never renumber.
    /// </summary>
    public enum AlarmPriority
    {
        None = 0,
        Low = 1,
        Medium = 2,
        High = 3,
    }
}
