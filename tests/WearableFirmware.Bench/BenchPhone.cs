using WearableFirmware.Ble;

namespace WearableFirmware.Bench
{
    /// <summary>
    /// One bonded phone on an authenticated link, subscribed to everything with a 247-byte ATT_MTU; values are
    /// counted, not sent (the device's BLE adapter, which copies each value into a nanoFramework Buffer, is not part
    /// of the bench).
    /// </summary>
    public sealed class BenchPhone : IGattNotifier, IGattLink
    {
        public GattSecurity Security
        {
            get { return GattSecurity.Authenticated; }
        }

        public bool IsBonded
        {
            get { return true; }
        }

        public int Sent { get; private set; }

        public int BytesSent { get; private set; }

        public int MaxPayloadLength(GattCharacteristic characteristic)
        {
            return 244;
        }

        public bool Send(GattCharacteristic characteristic, byte[] value, int length)
        {
            Sent++;
            BytesSent += length;
            return true;
        }

        public bool SendTo(IGattLink link, GattCharacteristic characteristic, byte[] value, int length)
        {
            return Send(characteristic, value, length);
        }

        public bool IsSubscribed(GattCharacteristic characteristic)
        {
            return true;
        }
    }
}
