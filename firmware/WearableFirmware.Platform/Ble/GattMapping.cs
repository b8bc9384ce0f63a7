using System;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
using WearableFirmware.Ble;

namespace WearableFirmware.Platform.Ble
{
    /// <summary>
    /// How the portable attribute table's values become nanoFramework.Device.Bluetooth values: one place, used by the
    /// application's adapter and by the hardware smoke tests that create the same table.
    /// </summary>
    public static class GattMapping
    {
        /// <summary>SIG short codes through the library's helper (it has no constants for the PLX UUIDs); 128-bit as written.</summary>
        public static Guid ToGuid(BleUuid uuid)
        {
            return uuid.Is16Bit ? Utilities.CreateUuidFromShortCode(uuid.ShortCode) : new Guid(uuid.ToString());
        }

        /// <summary>The table's bits are the ATT declaration bits, and GattCharacteristicProperties uses the same values.</summary>
        public static GattCharacteristicProperties ToProperties(byte properties)
        {
            return (GattCharacteristicProperties)properties;
        }

        public static GattProtectionLevel ToProtection(GattSecurity security)
        {
            switch (security)
            {
                case GattSecurity.Authenticated:
                    return GattProtectionLevel.EncryptionAndAuthenticationRequired;
                case GattSecurity.Encrypted:
                    return GattProtectionLevel.EncryptionRequired;
                default:
                    return GattProtectionLevel.Plain;
            }
        }
    }
}
