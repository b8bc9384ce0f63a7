namespace WearableFirmware.Drivers
{
    /// <summary>
    /// The only way a driver talks to its chip: register-oriented transfers on one device address.
    /// Implemented by the nanoFramework I2C adapter on the device and by the chip models on the host.
    /// Never throws for a bus fault: the result says whether the transfer completed.
    /// </summary>
    public interface IRegisterBus
    {
        /// <summary>Writes <paramref name="count"/> bytes of <paramref name="data"/> (register address first) in one transaction.</summary>
        BusStatus Write(byte[] data, int count);

        /// <summary>
        /// Writes <paramref name="writeCount"/> bytes of <paramref name="write"/>, then reads <paramref name="readCount"/>
        /// bytes into <paramref name="read"/> starting at <paramref name="readOffset"/> (repeated start).
        /// </summary>
        BusStatus WriteRead(byte[] write, int writeCount, byte[] read, int readOffset, int readCount);
    }
}
