using System.Text;
using WearableFirmware.Storage;
using Xunit;

namespace WearableFirmware.Tests.Storage;

public class Crc32Tests
{
    [Fact]
    public void Check_value_of_123456789_is_the_catalogued_CRC_32()
    {
        // CRC-32/ISO-HDLC catalogue check value (reveng), also zlib.crc32(b"123456789").
        byte[] data = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
        Assert.Equal(Crc32.CheckValue, Crc32.Compute(data, 0, data.Length));
    }

    [Fact]
    public void Matches_zlib_on_a_sentence_and_on_an_offset_slice()
    {
        byte[] data = Encoding.ASCII.GetBytes("xxThe quick brown fox jumps over the lazy dogyy");
        Assert.Equal(0x414FA339u, Crc32.Compute(data, 2, data.Length - 4)); // zlib.crc32
        Assert.Equal(0u, Crc32.Compute(data, 0, 0));
    }
}
