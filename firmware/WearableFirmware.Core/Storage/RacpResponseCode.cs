namespace WearableFirmware.Storage
{
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
