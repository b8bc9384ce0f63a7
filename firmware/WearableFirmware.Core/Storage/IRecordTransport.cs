namespace WearableFirmware.Storage
{
    /// <summary>
    /// Where the Record Access Control Point sends what it produces. The BLE glue implements it: stored records as
    /// Spot-check Measurement (0x2A5E) indications with the "measurement from storage" status bit, responses as RACP
    /// (0x2A52) indications, and reports each confirmation back (<see cref="RacpControlPoint.OnRecordConfirmed"/>,
    /// <see cref="RacpControlPoint.OnResponseConfirmed"/>).
    /// </summary>
    public interface IRecordTransport
    {
        /// <summary>Queues one stored spot-check record as an indication; false when it cannot (not connected, queue full).</summary>
        bool SendStoredRecord(StoredRecord record);

        /// <summary>
        /// Queues a RACP indication; <paramref name="value"/> is reused afterwards, so copy it. False when it cannot
        /// (not connected, not subscribed, queue full): no confirmation will come for it.
        /// </summary>
        bool SendRacpResponse(byte[] value, int length);
    }
}
