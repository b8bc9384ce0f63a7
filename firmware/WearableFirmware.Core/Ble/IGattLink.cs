namespace WearableFirmware.Ble
{
    /// <summary>
    /// What a write handler may ask about the peer that sent the write: its link security, whether it is bonded,
    /// and whether it enabled notifications/indications of a characteristic. The simulated server and the device
    /// adapter implement it.
    /// </summary>
    public interface IGattLink
    {
        GattSecurity Security { get; }

        bool IsBonded { get; }

        /// <summary>True when this peer's CCCD for <paramref name="characteristic"/> enables notify or indicate.</summary>
        bool IsSubscribed(GattCharacteristic characteristic);
    }
}
