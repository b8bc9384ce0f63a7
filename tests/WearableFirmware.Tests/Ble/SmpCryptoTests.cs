using WearableFirmware.SimulatedBoard.Ble;
using Xunit;

namespace WearableFirmware.Tests.Ble;

/// <summary>
/// The simulator's LE Secure Connections functions against the sample data of the Bluetooth Core Specification:
/// Vol 3 Part H Appendix D (D.1 AES-CMAC = RFC 4493's examples, D.2 f4, D.3 f5, D.4 f6, D.5 g2) and the P-256
/// data set 1 of Vol 2 Part G 7.1.2.1 (whose private key A is the debug key of Vol 3 Part H 2.3.5.6.1).
/// </summary>
public class SmpCryptoTests
{
    private static byte[] H(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    private static readonly byte[] U = H("20b003d2 f297be2c 5e2c83a7 e9f9a5b9 eff49111 acf4fddb cc030148 0e359de6");
    private static readonly byte[] V = H("55188b3d 32f6bb9a 900afcfb eed4e72a 59cb9ac2 f19d7cfb 6b4fdd49 f47fc5fd");
    private static readonly byte[] N1 = H("d5cb8454 d177733e ffffb2ec 712baeab");
    private static readonly byte[] N2 = H("a6e8e7cc 25a75f6e 216583f7 ff3dc4cf");
    private static readonly byte[] DhKey = H("ec0234a3 57c8ad05 341010a6 0a397d9b 99796b13 b4f866f1 868d34f3 73bfa698");
    private static readonly byte[] A1 = H("00 561237 37bfce");
    private static readonly byte[] A2 = H("00 a71370 2dcfc1");

    [Theory]
    [InlineData("", "bb1d6929 e9593728 7fa37d12 9b756746")]
    [InlineData("6bc1bee2 2e409f96 e93d7e11 7393172a", "070a16b4 6b4d4144 f79bdd9d d04a287c")]
    [InlineData("6bc1bee2 2e409f96 e93d7e11 7393172a ae2d8a57 1e03ac9c 9eb76fac 45af8e51 30c81c46 a35ce411", "dfa66747 de9ae630 30ca3261 1497c827")]
    [InlineData("6bc1bee2 2e409f96 e93d7e11 7393172a ae2d8a57 1e03ac9c 9eb76fac 45af8e51 30c81c46 a35ce411 e5fbc119 1a0a52ef f69f2445 df4f9b17 ad2b417b e66c3710",
        "51f0bebf 7e3b9d92 fc497417 79363cfe")]
    public void Aes_cmac_matches_rfc_4493(string message, string mac) =>
        Assert.Equal(H(mac), SmpCrypto.AesCmac(H("2b7e1516 28aed2a6 abf71588 09cf4f3c"), H(message)));

    [Fact]
    public void F4_matches_d2() => Assert.Equal(H("f2c916f1 07a9bd1c f1eda1be a974872d"), SmpCrypto.F4(U, V, N1, 0));

    [Fact]
    public void F5_matches_d3()
    {
        var (macKey, ltk) = SmpCrypto.F5(DhKey, N1, N2, A1, A2);
        Assert.Equal(H("2965f176 a1084a02 fd3f6a20 ce636e20"), macKey);
        Assert.Equal(H("69867911 69d7cd23 980522b5 94750a38"), ltk);
    }

    [Fact]
    public void F6_matches_d4()
    {
        byte[] macKey = H("2965f176 a1084a02 fd3f6a20 ce636e20");
        Assert.Equal(H("e3c47398 9cd0e8c5 d26c0b09 da958f61"), SmpCrypto.F6(macKey, N1, N2, H("12a3343b b453bb54 08da42d2 0c2d0fc8"), H("010102"), A1, A2));
    }

    [Fact]
    public void G2_matches_d5()
    {
        uint value = SmpCrypto.G2(U, V, N1, N2);
        Assert.Equal(0x2f9ed5bau, value);
        Assert.Equal(938554u, value % 1_000_000);
    }

    [Fact]
    public void P256_data_set_1_gives_the_sample_dhkey_both_ways_and_a_point_off_the_curve_gives_none()
    {
        using var a = SmpCrypto.KeyPair(H("3f49f6d4 a3c55f38 74c9b3e3 d2103f50 4aff607b eb40b799 5899b8a6 cd3c1abd"))!;
        using var b = SmpCrypto.KeyPair(H("55188b3d 32f6bb9a 900afcfb eed4e72a 59cb9ac2 f19d7cfb 6b4fdd49 f47fc5fd"))!;
        var (ax, ay) = SmpCrypto.PublicKey(a);
        var (bx, by) = SmpCrypto.PublicKey(b);
        Assert.Equal(U, ax);
        Assert.Equal(H("dc809c49 652aeb6d 63329abf 5a52155c 766345c2 8fed3024 741c8ed0 1589d28b"), ay);
        Assert.Equal(H("1ea1f0f0 1faf1d96 09592284 f19e4c00 47b58afd 8615a69f 559077b2 2faaa190"), bx);
        Assert.Equal(H("4c55f33e 429dad37 7356703a 9ab85160 472d1130 e28e3676 5f89aff9 15b1214a"), by);
        Assert.Equal(DhKey, SmpCrypto.DhKey(a, bx, by));
        Assert.Equal(DhKey, SmpCrypto.DhKey(b, ax, ay));
        byte[] offCurve = (byte[])by.Clone();
        offCurve[31] ^= 1;
        Assert.Null(SmpCrypto.DhKey(a, bx, offCurve));
    }
}
