namespace WearableFirmware.Ble
{
    /// <summary>
    /// The ATT-level checks of a Record Access Control Point write, shared by every service that has one: length
    /// 2 to <see cref="MaxLength"/> (else Invalid Attribute Value Length), RACP indications enabled by the writer (it
    /// answers by indication; else CCCD Improperly Configured), a handler attached (else Request Not Supported), and
    /// no procedure running unless the write is Abort Operation (else Procedure Already In Progress). The procedure
    /// answers a malformed request that passes these.
    /// </summary>
    public static class RecordAccessWrite
    {
        /// <summary>Largest write passed on (op code, operator, filter type and operands, with room to spare).</summary>
        public const int MaxLength = 17;

        private const byte AbortOperation = 0x03;

        public static byte Handle(IRecordAccessHandler handler, GattCharacteristic controlPoint, IGattLink link, byte[] data, int offset, int length)
        {
            if (length < 2 || length > MaxLength)
            {
                return AttErrorCode.InvalidAttributeValueLength;
            }

            if (!link.IsSubscribed(controlPoint))
            {
                return AttErrorCode.CccdImproperlyConfigured;
            }

            if (handler == null)
            {
                return AttErrorCode.RequestNotSupported;
            }

            if (handler.ProcedureInProgress && data[offset] != AbortOperation)
            {
                return AttErrorCode.ProcedureAlreadyInProgress;
            }

            return handler.OnControlPointWrite(link, data, offset, length);
        }
    }
}
