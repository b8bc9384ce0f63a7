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

    /// <summary>RACP filter types (as in the Glucose service); only the record sequence number is served.</summary>
    public enum RacpFilterType
    {
        SequenceNumber = 0x01,
    }

    /// <summary>Values of the RACP Response Code op code's second operand byte.</summary>
    public enum RacpResponseCode
    {
        Success = 0x01,
        OpCodeNotSupported = 0x02,
        InvalidOperator = 0x03,
        OperatorNotSupported = 0x04,
        InvalidOperand = 0x05,
        NoRecordsFound = 0x06,
        AbortUnsuccessful = 0x07,
        ProcedureNotCompleted = 0x08,
        OperandNotSupported = 0x09,
    }
}
