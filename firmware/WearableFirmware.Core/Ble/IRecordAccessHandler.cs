namespace WearableFirmware.Ble
{
    /// <summary>
    /// Receives Record Access Control Point writes (op code, operator, operand) once the Pulse Oximeter service has
    /// checked the link and the RACP subscription. The record store implements the procedures and answers through
    /// <see cref="PulseOximeterService.SendRacpResponse"/> and <see cref="PulseOximeterService.SendSpotCheck"/>.
    /// </summary>
    public interface IRecordAccessHandler
    {
        /// <summary>True while a procedure runs (only Abort Operation may then be written).</summary>
        bool ProcedureInProgress { get; }

        /// <summary>
        /// Starts the procedure in <paramref name="data"/> written over <paramref name="link"/> (whose subscriptions
        /// decide whether records can be indicated); returns <see cref="AttErrorCode.Success"/> (its result then comes
        /// as an RACP indication) or an ATT error when the write itself is rejected.
        /// </summary>
        byte OnControlPointWrite(IGattLink link, byte[] data, int offset, int length);
    }
}
