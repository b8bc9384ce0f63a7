namespace WearableFirmware.Storage
{
    /// <summary>RACP operators. PLX 1.0.1 defines only Null and All records; the others are served with the sequence-number filter.</summary>
    public enum RacpOperator
    {
        Null = 0x00,
        AllRecords = 0x01,
        LessThanOrEqualTo = 0x02,
        GreaterThanOrEqualTo = 0x03,
        WithinRangeOfInclusive = 0x04,
        FirstRecord = 0x05,
        LastRecord = 0x06,
    }
}
