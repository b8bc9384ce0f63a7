namespace WearableFirmware.Storage
{
    /// <summary>
    /// CRC-32 as in IEEE 802.3 / zlib (reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF;
    /// check value of the ASCII bytes "123456789" is 0xCBF43926). It protects every stored record; 32 bits rather
    /// than CRC-16 because a flipped record must never be delivered as a measurement.
    /// </summary>
    public static class Crc32
    {
        public const uint CheckValue = 0xCBF43926;

        private static readonly uint[] Table = BuildTable();

        /// <summary>CRC of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public static uint Compute(byte[] data, int offset, int count)
        {
            uint crc = 0xFFFFFFFF;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc = Table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            }

            return crc ^ 0xFFFFFFFF;
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
