namespace WearableFirmware.Storage
{
    /// <summary>Record Access Control Point (0x2A52) op codes.</summary>
    public enum RacpOpCode
    {
        ReportStoredRecords = 0x01,
        DeleteStoredRecords = 0x02,
        AbortOperation = 0x03,
        ReportNumberOfStoredRecords = 0x04,
        NumberOfStoredRecordsResponse = 0x05,
        ResponseCode = 0x06,
    }
}
