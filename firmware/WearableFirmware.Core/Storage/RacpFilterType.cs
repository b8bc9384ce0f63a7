namespace WearableFirmware.Storage
{
    /// <summary>RACP filter types (as in the Glucose service); only the record sequence number is served.</summary>
    public enum RacpFilterType
    {
        SequenceNumber = 0x01,
    }
}
