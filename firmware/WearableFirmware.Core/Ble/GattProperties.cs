namespace WearableFirmware.Ble
{
    /// <summary>Characteristic property bits as the characteristic declaration carries them (Core Vol 3 Part G 3.3.1.1).</summary>
    public static class GattProperties
    {
        public const byte Broadcast = 0x01;
        public const byte Read = 0x02;
        public const byte WriteWithoutResponse = 0x04;
        public const byte Write = 0x08;
        public const byte Notify = 0x10;
        public const byte Indicate = 0x20;
    }
}
