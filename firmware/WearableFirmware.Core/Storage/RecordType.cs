namespace WearableFirmware.Storage
{
    /// <summary>What a stored record holds. The value is stored on flash (3 bits): never renumber.</summary>
    public enum RecordType
    {
        /// <summary>A periodic SpO2 / pulse-rate reading (payload: <see cref="SpotCheckPayload"/>), reported through RACP.</summary>
        SpotCheck = 1,

        /// <summary>A detected fall (payload defined by the fall detector), delivered on the fall alert service.</summary>
        Fall = 2,

        /// <summary>An alarm (e.g. SpO2 below limit; payload defined by the alarm's owner).</summary>
        Alarm = 3,

        /// <summary>A device event (payload: <see cref="DeviceEventCode"/> byte + 32-bit argument).</summary>
        DeviceEvent = 4,

        /// <summary>Internal: written when the store reuses its oldest segment; carries the persistent drop count.</summary>
        Rotation = 5,
    }
}
