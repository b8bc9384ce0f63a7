using System;
using System.IO;

namespace WearableFirmware.Platform.Board
{
    /// <summary>
    /// The 48-bit identity the Device Information service turns into the serial number and System ID. The managed
    /// nanoFramework 1.x API does not expose the radio's public address, so the device draws a random identity at
    /// its first boot and keeps it on the internal flash drive; it survives firmware updates that keep the file system.
    /// </summary>
    public static class DeviceIdentity
    {
        private const string FilePath = "I:\\identity.bin";
        private const int Length = 6;

        public static byte[] LoadOrCreate()
        {
            if (File.Exists(FilePath))
            {
                byte[] stored = File.ReadAllBytes(FilePath);
                if (stored.Length == Length)
                {
                    return stored;
                }
            }

            byte[] identity = new byte[Length];
            new Random().NextBytes(identity);
            identity[0] |= 0xC0; // the two top bits of a static random Bluetooth address
            File.WriteAllBytes(FilePath, identity);
            return identity;
        }
    }
}
