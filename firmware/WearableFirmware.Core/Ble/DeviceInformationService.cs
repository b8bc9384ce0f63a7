using System;

namespace WearableFirmware.Ble
{
    /// <summary>
    /// Device Information service (0x180A): who made the device and which firmware it runs, readable without
    /// pairing so a phone can identify it before bonding. Values are fixed at start-up.
    /// </summary>
    public sealed class DeviceInformationService : GattService
    {
        /// <summary>
        /// IEEE 11073-20601 RegCertDataList, MDER (big-endian): count=1, length=6, one RegCertData with
        /// auth-body continua (2), struc-type continua-regulation-struct (3), a 2-byte ANY holding the
        /// regulation bit field with bit 0 (the most significant bit in 11073 BITS notation) "unregulated-device"
        /// set: this firmware carries no regulatory clearance, and saying otherwise would be false.
        /// </summary>
        public static readonly byte[] RegulatoryCertificationData = { 0x00, 0x01, 0x00, 0x06, 0x02, 0x03, 0x00, 0x02, 0x80, 0x00 };

        public DeviceInformationService(byte[] bluetoothAddress)
            : base(BleUuid.FromShortCode(GattUuids.DeviceInformationService), new GattCharacteristic[]
            {
                Text(GattUuids.ManufacturerName, FirmwareIdentity.Manufacturer),
                Text(GattUuids.ModelNumber, FirmwareIdentity.Model),
                Text(GattUuids.SerialNumber, SerialFromAddress(bluetoothAddress)),
                Text(GattUuids.HardwareRevision, FirmwareIdentity.HardwareRevision),
                Text(GattUuids.FirmwareRevision, FirmwareIdentity.FirmwareRevision),
                Text(GattUuids.SoftwareRevision, FirmwareIdentity.SoftwareRevision),
                Fixed(GattUuids.SystemId, SystemIdFromAddress(bluetoothAddress)),
                Fixed(GattUuids.RegulatoryCertificationDataList, RegulatoryCertificationData),
            })
        {
        }

        /// <summary>
        /// System ID (DIS 3.7.2.1) from an EUI-48 address given most significant byte first: Manufacturer
        /// Identifier = 0xFFFE followed by the 24-bit company-assigned part, OUI = the first three bytes; sent
        /// little-endian (manufacturer identifier first, then OUI).
        /// </summary>
        public static byte[] SystemIdFromAddress(byte[] address)
        {
            CheckAddress(address);
            byte[] id = new byte[8];
            id[0] = address[5];
            id[1] = address[4];
            id[2] = address[3];
            id[3] = 0xFE;
            id[4] = 0xFF;
            id[5] = address[2];
            id[6] = address[1];
            id[7] = address[0];
            return id;
        }

        /// <summary>Serial number string: the 12 hex digits of the device address (unique per radio).</summary>
        public static string SerialFromAddress(byte[] address)
        {
            CheckAddress(address);
            char[] chars = new char[12];
            for (int i = 0; i < 6; i++)
            {
                chars[2 * i] = HexDigit(address[i] >> 4);
                chars[2 * i + 1] = HexDigit(address[i] & 0x0F);
            }

            return new string(chars);
        }

        private static void CheckAddress(byte[] address)
        {
            if (address == null || address.Length != 6)
            {
                throw new ArgumentException("a Bluetooth device address has 6 bytes");
            }
        }

        private static char HexDigit(int value)
        {
            return (char)(value < 10 ? '0' + value : 'A' + value - 10);
        }

        private static GattCharacteristic Text(ushort uuid, string text)
        {
            GattCharacteristic c = new GattCharacteristic(BleUuid.FromShortCode(uuid), GattProperties.Read, GattSecurity.Open, GattSecurity.Open, null, text.Length);
            ByteWriter.Ascii(c.Value, 0, text);
            c.SetValue(c.Value, text.Length);
            return c;
        }

        private static GattCharacteristic Fixed(ushort uuid, byte[] value)
        {
            GattCharacteristic c = new GattCharacteristic(BleUuid.FromShortCode(uuid), GattProperties.Read, GattSecurity.Open, GattSecurity.Open, null, value.Length);
            c.SetValue(value, value.Length);
            return c;
        }
    }
}
