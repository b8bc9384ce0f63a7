using WearableFirmware.Ble;
using Xunit;

namespace WearableFirmware.Tests.Ble;

/// <summary>
/// SFLOAT/FLOAT vectors worked by hand from IEEE 11073-20601 (value = mantissa * 10^exponent, exponent in the top
/// 4 (8) bits as two's complement, mantissa in the low 12 (24) bits as two's complement, special values at exponent 0).
/// </summary>
public class Ieee11073FloatTests
{
    [Theory]
    // 97.5 % at 0.1: m = 975 = 0x3CF, e = -1 = 0xF  -> 0xF3CF
    [InlineData(97.5f, -1, 0xF3CF)]
    // 72 bpm at 1: m = 72 = 0x048, e = 0 -> 0x0048
    [InlineData(72f, 0, 0x0048)]
    // -1.5 at 0.1: m = -15 = 0xFF1 (12-bit two's complement), e = 0xF -> 0xFFF1
    [InlineData(-1.5f, -1, 0xFFF1)]
    // 1.25 at 0.1: 12.5 rounds half away from zero to 13 = 0x00D -> 0xF00D
    [InlineData(1.25f, -1, 0xF00D)]
    // -1.25 at 0.1: -12.5 -> -13 = 0xFF3 -> 0xFFF3
    [InlineData(-1.25f, -1, 0xFFF3)]
    // 5000 at 1: 5000 > 2045 so the exponent rises to 1: m = 500 = 0x1F4 -> 0x11F4
    [InlineData(5000f, 0, 0x11F4)]
    // 2045 is the largest mantissa that never collides with a special pattern: 0x07FD
    [InlineData(2045f, 0, 0x07FD)]
    // 2046 at 1 would be +INF's pattern, so it goes to e = 1: 204.6 -> 205 = 0x0CD -> 0x10CD
    [InlineData(2046f, 0, 0x10CD)]
    // 2.5 % at 0.01: m = 250 = 0x0FA, e = -2 = 0xE -> 0xE0FA
    [InlineData(2.5f, -2, 0xE0FA)]
    // a value that rounds to nothing keeps the stated exponent: 0 at e = -2 -> 0xE000
    [InlineData(0.001f, -2, 0xE000)]
    // exponents below -8 clamp to -8: 1e-8 -> m = 1, e = -8 = 0x8 -> 0x8001
    [InlineData(1e-8f, -10, 0x8001)]
    // exponents above 7 clamp to 7: 0 -> 0x7000, 3e7 -> m = 3, e = 7 -> 0x7003
    [InlineData(0f, 9, 0x7000)]
    [InlineData(3e7f, 9, 0x7003)]
    // 20,450,000,000 = 2045e7, the largest finite magnitude: 0x77FD
    [InlineData(2.045e10f, 0, 0x77FD)]
    // beyond it: +INF / -INF
    [InlineData(3e10f, 0, 0x07FE)]
    [InlineData(-3e10f, 0, 0x0802)]
    public void SFloat_encodes_worked_examples(float value, int exponent, int expected)
    {
        Assert.Equal((ushort)expected, Ieee11073Float.EncodeSFloat(value, exponent));
    }

    [Fact]
    public void SFloat_special_inputs_give_the_special_values()
    {
        Assert.Equal(0x07FF, Ieee11073Float.EncodeSFloat(float.NaN, 0));
        Assert.Equal(0x07FE, Ieee11073Float.EncodeSFloat(float.PositiveInfinity, 0));
        Assert.Equal(0x0802, Ieee11073Float.EncodeSFloat(float.NegativeInfinity, 0));
    }

    [Theory]
    [InlineData(0xF3CF, 97.5)]
    [InlineData(0x0048, 72.0)]
    [InlineData(0xFFF1, -1.5)]
    [InlineData(0x11F4, 5000.0)]
    [InlineData(0x8001, 1e-8)]
    [InlineData(0x7001, 1e7)]
    // mantissa -2048 at e = -1 is a plain number (only exponent 0 is special): -204.8
    [InlineData(0xF800, -204.8)]
    public void SFloat_decodes_worked_examples(int raw, double expected)
    {
        Assert.Equal((float)expected, Ieee11073Float.DecodeSFloat((ushort)raw));
    }

    [Fact]
    public void SFloat_special_values_decode_as_NaN_or_infinity()
    {
        Assert.True(float.IsNaN(Ieee11073Float.DecodeSFloat(0x07FF)));  // NaN
        Assert.True(float.IsNaN(Ieee11073Float.DecodeSFloat(0x0800)));  // NRes
        Assert.True(float.IsNaN(Ieee11073Float.DecodeSFloat(0x0801)));  // reserved
        Assert.Equal(float.PositiveInfinity, Ieee11073Float.DecodeSFloat(0x07FE));
        Assert.Equal(float.NegativeInfinity, Ieee11073Float.DecodeSFloat(0x0802));
        foreach (int raw in new[] { 0x07FF, 0x0800, 0x0801, 0x07FE, 0x0802 })
        {
            Assert.True(Ieee11073Float.IsSFloatSpecial((ushort)raw));
        }

        Assert.False(Ieee11073Float.IsSFloatSpecial(0xF3CF));
    }

    [Fact]
    public void SFloat_from_parts_rejects_what_does_not_fit()
    {
        Assert.Equal(Ieee11073Float.SFloatNRes, Ieee11073Float.SFloatFromParts(2046, 0));
        Assert.Equal(Ieee11073Float.SFloatNRes, Ieee11073Float.SFloatFromParts(1, 8));
        Assert.Equal(Ieee11073Float.SFloatNRes, Ieee11073Float.SFloatFromParts(1, -9));
        // -2045 = 0x803 in 12 bits, exponent -8 = 0x8: 0x8803
        Assert.Equal(0x8803, Ieee11073Float.SFloatFromParts(-2045, -8));
    }

    [Fact]
    public void SFloat_finite_values_never_encode_as_a_special_pattern()
    {
        var random = new Random(11073);
        for (int i = 0; i < 20000; i++)
        {
            float value = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-9, 12)));
            int exponent = random.Next(-8, 8);
            ushort raw = Ieee11073Float.EncodeSFloat(value, exponent);
            if (Math.Abs(value) > 2.045e10)
            {
                continue;
            }

            int mantissa = raw & 0x0FFF;
            Assert.True(mantissa is < 0x07FE or > 0x0802, $"{value} at 1e{exponent} gave 0x{raw:X4}");
            // Within half a unit of the exponent actually used.
            int usedExponent = (raw >> 12) >= 8 ? (raw >> 12) - 16 : raw >> 12;
            Assert.True(Math.Abs(Ieee11073Float.DecodeSFloat(raw) - value) <= 0.5 * Math.Pow(10, usedExponent) * 1.0001 + 1e-30,
                $"{value} at 1e{exponent} decoded as {Ieee11073Float.DecodeSFloat(raw)}");
        }
    }

    [Theory]
    // 97.5 at 0.1: m = 975 = 0x0003CF, e = -1 = 0xFF -> 0xFF0003CF
    [InlineData(97.5f, -1, 0xFF0003CFu)]
    // 1e10 at 1: the mantissa must drop to <= 8388605, so e = 4, m = 1,000,000 = 0x0F4240 -> 0x040F4240
    [InlineData(1e10f, 0, 0x040F4240u)]
    // -36.6 at 0.1: m = -366 = 0xFFFE92, e = 0xFF -> 0xFFFFFE92
    [InlineData(-36.6f, -1, 0xFFFFFE92u)]
    public void Float_encodes_worked_examples(float value, int exponent, uint expected)
    {
        Assert.Equal(expected, Ieee11073Float.EncodeFloat(value, exponent));
    }

    [Fact]
    public void Float_special_values_round_trip()
    {
        Assert.Equal(0x007FFFFFu, Ieee11073Float.EncodeFloat(float.NaN, 0));
        Assert.Equal(0x007FFFFEu, Ieee11073Float.EncodeFloat(float.PositiveInfinity, 0));
        Assert.Equal(0x00800002u, Ieee11073Float.EncodeFloat(float.NegativeInfinity, 0));
        Assert.True(float.IsNaN(Ieee11073Float.DecodeFloat(0x007FFFFF)));
        Assert.True(float.IsNaN(Ieee11073Float.DecodeFloat(0x00800000)));
        Assert.True(float.IsNaN(Ieee11073Float.DecodeFloat(0x00800001)));
        Assert.Equal(float.PositiveInfinity, Ieee11073Float.DecodeFloat(0x007FFFFE));
        Assert.Equal(float.NegativeInfinity, Ieee11073Float.DecodeFloat(0x00800002));
        Assert.Equal(97.5f, Ieee11073Float.DecodeFloat(0xFF0003CF));
        Assert.Equal(-36.6f, Ieee11073Float.DecodeFloat(0xFFFFFE92), 5);
        Assert.Equal(Ieee11073Float.FloatNRes, Ieee11073Float.FloatFromParts(8388606, 0));
    }

    [Fact]
    public void Encoders_allocate_nothing()
    {
        long allocated = Allocation.Of(() => new byte[4], buffer =>
        {
            for (int i = 0; i < 10000; i++)
            {
                Ieee11073Float.WriteSFloat(buffer, 0, i * 0.37f, -1);
                Ieee11073Float.EncodeFloat(i * 1.7f, -2);
                Ieee11073Float.DecodeSFloat((ushort)i);
            }
        });

        Assert.Equal(0, allocated);
    }
}
