using System.Security.Cryptography;

namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>
/// The LE Secure Connections toolbox (Core Vol 3 Part H 2.2): AES-CMAC (RFC 4493) and the functions built on it —
/// f4 (confirm values), f5 (MacKey and LTK), f6 (DHKey checks), g2 (numeric comparison) — plus P-256 key pairs and
/// the Diffie-Hellman key, on .NET's AES and ECDH. Every value here is in the specification's order (most
/// significant octet first); SMP PDUs carry them least significant octet first (<see cref="Reverse"/>).
/// </summary>
public static class SmpCrypto
{
    /// <summary>f5's SALT (Vol 3 Part H 2.2.7).</summary>
    private static readonly byte[] F5Salt = Convert.FromHexString("6C888391AAF5A53860370BDB5A6083BE");

    /// <summary>f5's keyID, "btle".</summary>
    private static readonly byte[] F5KeyId = [0x62, 0x74, 0x6C, 0x65];

    public static byte[] AesCmac(byte[] key, byte[] message)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        byte[] k1 = Double(aes.EncryptEcb(new byte[16], PaddingMode.None));
        byte[] k2 = Double(k1);
        int blocks = Math.Max(1, (message.Length + 15) / 16);
        bool complete = message.Length > 0 && message.Length % 16 == 0;
        var x = new byte[16];
        for (int b = 0; b < blocks; b++)
        {
            var block = new byte[16];
            int start = b * 16;
            int count = Math.Min(16, message.Length - start);
            Array.Copy(message, start, block, 0, count);
            if (b == blocks - 1)
            {
                if (!complete)
                {
                    block[count] = 0x80;
                }

                Xor(block, complete ? k1 : k2);
            }

            Xor(block, x);
            x = aes.EncryptEcb(block, PaddingMode.None);
        }

        return x;
    }

    /// <summary>f4(U, V, X, Z) = AES-CMAC_X(U || V || Z): U, V 32 bytes, X 16, Z one octet.</summary>
    public static byte[] F4(byte[] u, byte[] v, byte[] x, byte z) => AesCmac(x, [.. u, .. v, z]);

    /// <summary>f5(W, N1, N2, A1, A2): MacKey (counter 0) and LTK (counter 1); W 32 bytes, N 16, A 7 (type, address).</summary>
    public static (byte[] MacKey, byte[] Ltk) F5(byte[] w, byte[] n1, byte[] n2, byte[] a1, byte[] a2)
    {
        byte[] t = AesCmac(F5Salt, w);
        byte[] Key(byte counter) => AesCmac(t, [counter, .. F5KeyId, .. n1, .. n2, .. a1, .. a2, 0x01, 0x00]);
        return (Key(0), Key(1));
    }

    /// <summary>f6(W, N1, N2, R, IOcap, A1, A2) = AES-CMAC_W(N1 || N2 || R || IOcap || A1 || A2).</summary>
    public static byte[] F6(byte[] w, byte[] n1, byte[] n2, byte[] r, byte[] ioCap, byte[] a1, byte[] a2) =>
        AesCmac(w, [.. n1, .. n2, .. r, .. ioCap, .. a1, .. a2]);

    /// <summary>g2(U, V, X, Y) = AES-CMAC_X(U || V || Y) mod 2^32; the numeric comparison value is this mod 10^6.</summary>
    public static uint G2(byte[] u, byte[] v, byte[] x, byte[] y)
    {
        byte[] mac = AesCmac(x, [.. u, .. v, .. y]);
        return (uint)(mac[12] << 24 | mac[13] << 16 | mac[14] << 8 | mac[15]);
    }

    /// <summary>A P-256 key pair from a 32-byte private key (seeded runs give the same keys); null when it is not a valid scalar.</summary>
    public static ECDiffieHellman? KeyPair(byte[] privateKey)
    {
        try
        {
            return ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateKey });
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>A key pair whose private key comes from <paramref name="random"/>.</summary>
    public static ECDiffieHellman KeyPair(Random random)
    {
        while (true)
        {
            var d = new byte[32];
            random.NextBytes(d);
            var pair = KeyPair(d);
            if (pair != null)
            {
                return pair;
            }
        }
    }

    /// <summary>The public key's X and Y (32 bytes each).</summary>
    public static (byte[] X, byte[] Y) PublicKey(ECDiffieHellman pair)
    {
        ECParameters p = pair.ExportParameters(false);
        return (p.Q.X!, p.Q.Y!);
    }

    /// <summary>DHKey: the X coordinate of private × peer's public key; null when the peer's point is not on the curve.</summary>
    public static byte[]? DhKey(ECDiffieHellman own, byte[] peerX, byte[] peerY)
    {
        try
        {
            using var peer = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = peerX, Y = peerY } });
            return own.DeriveRawSecretAgreement(peer.PublicKey);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Byte order between the specification (MSB first) and SMP PDUs (LSB first).</summary>
    public static byte[] Reverse(ReadOnlySpan<byte> value)
    {
        byte[] copy = value.ToArray();
        Array.Reverse(copy);
        return copy;
    }

    /// <summary>The passkey as f6's 128-bit R (Passkey Entry: ra = rb = passkey).</summary>
    public static byte[] PasskeyR(int passkey)
    {
        var r = new byte[16];
        r[12] = (byte)(passkey >> 24);
        r[13] = (byte)(passkey >> 16);
        r[14] = (byte)(passkey >> 8);
        r[15] = (byte)passkey;
        return r;
    }

    /// <summary>f5/f6's A1/A2: address type (0 public, 1 random) then the 48-bit address, most significant first.</summary>
    public static byte[] AddressField(bool random, byte[] address) => [random ? (byte)1 : (byte)0, .. address];

    // Subkey derivation of RFC 4493: one left shift in GF(2^128), with the reduction constant 0x87.
    private static byte[] Double(byte[] value)
    {
        var result = new byte[16];
        for (int i = 0; i < 16; i++)
        {
            result[i] = (byte)(value[i] << 1 | (i < 15 ? value[i + 1] >> 7 : 0));
        }

        if ((value[0] & 0x80) != 0)
        {
            result[15] ^= 0x87;
        }

        return result;
    }

    private static void Xor(byte[] target, byte[] with)
    {
        for (int i = 0; i < 16; i++)
        {
            target[i] ^= with[i];
        }
    }
}
