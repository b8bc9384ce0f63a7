namespace WearableFirmware.Ble
{
    /// <summary>
    /// The profile's access rules, shared by the simulated server and the device adapter so neither decides them:
    /// property checks, then link security. A link below the requirement gets Insufficient Encryption when the
    /// peer is bonded (it has keys and just needs to encrypt) and Insufficient Authentication otherwise (it must
    /// pair, or pair with MITM protection) — Core Vol 3 Part C 10.3.
    /// </summary>
    public static class GattAccess
    {
        public static byte CheckRead(GattCharacteristic characteristic, IGattLink link)
        {
            if (!characteristic.CanRead)
            {
                return AttErrorCode.ReadNotPermitted;
            }

            return CheckSecurity(characteristic.ReadSecurity, link);
        }

        public static byte CheckWrite(GattCharacteristic characteristic, IGattLink link, bool withResponse)
        {
            byte needed = withResponse ? GattProperties.Write : GattProperties.WriteWithoutResponse;
            if ((characteristic.Properties & needed) == 0)
            {
                return AttErrorCode.WriteNotPermitted;
            }

            return CheckSecurity(characteristic.WriteSecurity, link);
        }

        /// <summary>
        /// Checks a write to the characteristic's CCCD: the value must be 2 bytes, may only enable what the
        /// characteristic supports, and subscribing needs the same security as reading the value would.
        /// </summary>
        public static byte CheckCccdWrite(GattCharacteristic characteristic, IGattLink link, byte[] data, int offset, int length)
        {
            if (length != 2)
            {
                return AttErrorCode.InvalidAttributeValueLength;
            }

            int bits = ByteWriter.ReadUInt16(data, offset);
            if ((bits & ~0x0003) != 0 || ((bits & 0x0001) != 0 && !characteristic.CanNotify) || ((bits & 0x0002) != 0 && !characteristic.CanIndicate))
            {
                return AttErrorCode.CccdImproperlyConfigured;
            }

            return bits == 0 ? AttErrorCode.Success : CheckSecurity(characteristic.ReadSecurity, link);
        }

        public static byte CheckSecurity(GattSecurity required, IGattLink link)
        {
            if (link.Security >= required)
            {
                return AttErrorCode.Success;
            }

            return link.IsBonded && link.Security == GattSecurity.Open
                ? AttErrorCode.InsufficientEncryption
                : AttErrorCode.InsufficientAuthentication;
        }
    }
}
