namespace WearableFirmware.Ble
{
    /// <summary>
    /// Outbound port of the profile: sends a characteristic's new value to every peer subscribed to it, as a
    /// notification or an indication according to the characteristic. Implementations copy the bytes before
    /// returning (the caller reuses its buffer) and serialise indications (one outstanding per peer).
    /// </summary>
    public interface IGattNotifier
    {
        /// <summary>
        /// Largest value (ATT_MTU - 3) that reaches every subscribed peer of <paramref name="characteristic"/>;
        /// 0 when nobody is subscribed.
        /// </summary>
        int MaxPayloadLength(GattCharacteristic characteristic);

        /// <summary>
        /// Sends or queues the value for all subscribers. False when nobody is subscribed or a subscriber's
        /// indication queue was full (that subscriber does not get it; the caller may retry later).
        /// </summary>
        bool Send(GattCharacteristic characteristic, byte[] value, int length);

        /// <summary>
        /// Sends or queues the value for one peer only (a procedure's records and responses belong to the connection
        /// that started it). False when that peer is gone, not subscribed, or its indication queue was full.
        /// </summary>
        bool SendTo(IGattLink link, GattCharacteristic characteristic, byte[] value, int length);
    }
}
