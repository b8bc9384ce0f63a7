namespace WearableFirmware.Ble
{
    /// <summary>
    /// Where the passkey record lives (a small file on the device's internal flash drive, beside the identity).
    /// The record's format and check are <see cref="PairingPasskey"/>'s; the store only keeps bytes.
    /// </summary>
    public interface IPasskeyStore
    {
        /// <summary>Reads the record into <paramref name="buffer"/>; returns its length, or 0 when there is none.</summary>
        int Load(byte[] buffer);

        /// <summary>Replaces the record; false on an I/O error.</summary>
        bool Save(byte[] record, int length);

        /// <summary>Deletes the record; false on an I/O error.</summary>
        bool Erase();
    }
}
