using WearableFirmware.Storage;
using Xunit;

namespace WearableFirmware.Tests.Storage;

public class RecordLayoutTests
{
    // Hand-built slot: marker A1, spot-check, clock set, 11 payload bytes, sequence 0x01020304, time 0x6A1B1E80,
    // SpO2 94.2 % (942 = 0x03AE), pulse 84.0 bpm (840 = 0x0348), status 0x0080, sensor status 0, PAI 3.00 % (300);
    // CRC-32 of bytes 0..25 computed with Python's zlib.crc32 = 0x51AE21A2; marks erased.
    private static readonly byte[] HandVector = Convert.FromHexString(
        "A101010B04030201801E1B6A" + "AE03480380000000002C01FFFFFF" + "A221AE51" + "FFFF");

    [Fact]
    public void Encode_produces_the_hand_built_slot()
    {
        byte[] payload = new byte[SpotCheckPayload.Length];
        SpotCheckPayload.Write(payload, 942, 840, 0x0080, 0, 300);
        byte[] slot = new byte[RecordLayout.SlotSize];
        RecordLayout.Encode(slot, 0x01020304, RecordType.SpotCheck, true, 0x6A1B1E80, payload, 0, payload.Length);
        Assert.Equal(Convert.ToHexString(HandVector), Convert.ToHexString(slot));
    }

    [Fact]
    public void Decoding_the_hand_built_slot_gives_back_every_field()
    {
        Assert.True(RecordLayout.IsValid(HandVector, 0));
        var r = new StoredRecord();
        r.Load(HandVector, 0);
        Assert.Equal(0x01020304, r.Sequence);
        Assert.Equal(RecordType.SpotCheck, r.Type);
        Assert.True(r.ClockSet);
        Assert.Equal(0x6A1B1E80u, r.Time);
        Assert.Equal(11, r.PayloadLength);
        Assert.False(r.Delivered);
        Assert.False(r.Deleted);
        Assert.Equal(942, SpotCheckPayload.Spo2Tenths(r));
        Assert.Equal(840, SpotCheckPayload.PulseRateTenths(r));
        Assert.Equal(0x0080, SpotCheckPayload.MeasurementStatus(r));
        Assert.Equal(0, SpotCheckPayload.DeviceAndSensorStatus(r));
        Assert.Equal(300, SpotCheckPayload.PulseAmplitudeIndexHundredths(r));
    }

    [Fact]
    public void Every_single_bit_flip_in_the_CRC_covered_bytes_is_detected()
    {
        for (int bit = 0; bit < RecordLayout.BodySize * 8; bit++)
        {
            byte[] slot = (byte[])HandVector.Clone();
            slot[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(RecordLayout.IsValid(slot, 0), $"flip of bit {bit} went unnoticed");
        }
    }

    [Theory]
    [InlineData(0xFF, false)]
    [InlineData(0xFE, false)] // one bit flipped in an erased mark: still not set
    [InlineData(0x1F, false)] // five ones
    [InlineData(0x0F, true)]  // four ones: half the bits cleared
    [InlineData(0x01, true)]  // one bit flipped in a written mark: still set
    [InlineData(0x00, true)]
    public void Marks_survive_a_single_flipped_bit(int mark, bool set)
    {
        Assert.Equal(set, RecordLayout.IsMarkSet((byte)mark));
    }

    [Fact]
    public void Erased_slot_is_recognised_and_is_not_a_record()
    {
        byte[] erased = Enumerable.Repeat((byte)0xFF, RecordLayout.SlotSize).ToArray();
        Assert.True(RecordLayout.IsErased(erased, 0));
        Assert.False(RecordLayout.IsValid(erased, 0));
        Assert.False(RecordLayout.IsErased(HandVector, 0));
    }
}
