using System.Buffers.Binary;
using WearableFirmware.SimulatedBoard.Ble;
using Xunit;

namespace WearableFirmware.Tests.Ble;

/// <summary>
/// Reads a btsnoop capture back (records, H4 ACL, L2CAP) and checks a Secure Connections pairing in it byte by byte
/// against the PDU layouts of Core Vol 3 Part H 3.5-3.6 — what Wireshark's btsmp dissector would show.
/// </summary>
internal static class SmpCapture
{
    /// <summary>Every record: direction/kind flags and the H4 packet.</summary>
    public static List<(uint Flags, byte[] Data)> Records(byte[] file)
    {
        var packets = new List<(uint Flags, byte[] Data)>();
        for (int offset = 16; offset < file.Length;)
        {
            uint included = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset + 4));
            packets.Add((BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset + 8)), file.AsSpan(offset + 24, (int)included).ToArray()));
            offset += 24 + (int)included;
        }

        return packets;
    }

    /// <summary>L2CAP payloads of the ACL records on one channel, with their direction.</summary>
    public static List<(bool FromPhone, byte[] Pdu)> Channel(List<(uint Flags, byte[] Data)> records, ushort cid) =>
        records.Where(p => p.Data[0] == 0x02 && BinaryPrimitives.ReadUInt16LittleEndian(p.Data.AsSpan(7)) == cid)
            .Select(p => (p.Flags == 1, p.Data[9..])).ToList();

    /// <summary>
    /// Asserts the first pairing in <paramref name="smp"/> is Passkey Entry with MITM and SC set by both sides, keys
    /// on P-256, 20 confirm/random rounds whose confirm values open (f4) with <paramref name="passkey"/>'s bits, and
    /// both DHKey checks. Returns the index after the pairing's last PDU.
    /// </summary>
    public static int AssertPasskeyPairing(List<(bool FromPhone, byte[] Pdu)> smp, int passkey)
    {
        int i = 0;
        var request = Next(smp, ref i, true, SmpCode.PairingRequest, 7);
        Assert.Equal(SmpCode.KeyboardDisplay, request[1]);
        Assert.Equal(SmpCode.AuthMitm | SmpCode.AuthSecureConnections, request[3] & (SmpCode.AuthMitm | SmpCode.AuthSecureConnections));
        Assert.Equal(16, request[4]);
        var response = Next(smp, ref i, false, SmpCode.PairingResponse, 7);
        Assert.Equal(SmpCode.DisplayOnly, response[1]);
        Assert.Equal(0, response[2]);                    // no OOB data
        Assert.Equal(0x0D, response[3]);                 // bonding 01, MITM, SC
        Assert.Equal(16, response[4]);
        byte[] pka = Next(smp, ref i, true, SmpCode.PairingPublicKey, 65);
        byte[] pkb = Next(smp, ref i, false, SmpCode.PairingPublicKey, 65);
        byte[] pkax = SmpCrypto.Reverse(pka.AsSpan(1, 32));
        byte[] pkbx = SmpCrypto.Reverse(pkb.AsSpan(1, 32));
        using var probe = SmpCrypto.KeyPair(new Random(3));
        Assert.NotNull(SmpCrypto.DhKey(probe, pkax, SmpCrypto.Reverse(pka.AsSpan(33, 32))));
        Assert.NotNull(SmpCrypto.DhKey(probe, pkbx, SmpCrypto.Reverse(pkb.AsSpan(33, 32))));
        for (int round = 0; round < SmpCode.PasskeyRounds; round++)
        {
            byte bit = (byte)(0x80 | ((passkey >> round) & 1));
            byte[] ca = Next(smp, ref i, true, SmpCode.PairingConfirm, 17);
            byte[] cb = Next(smp, ref i, false, SmpCode.PairingConfirm, 17);
            byte[] na = SmpCrypto.Reverse(Next(smp, ref i, true, SmpCode.PairingRandom, 17).AsSpan(1));
            byte[] nb = SmpCrypto.Reverse(Next(smp, ref i, false, SmpCode.PairingRandom, 17).AsSpan(1));
            Assert.Equal(SmpCrypto.Reverse(ca.AsSpan(1)), SmpCrypto.F4(pkax, pkbx, na, bit));
            Assert.Equal(SmpCrypto.Reverse(cb.AsSpan(1)), SmpCrypto.F4(pkbx, pkax, nb, bit));
        }

        Next(smp, ref i, true, SmpCode.PairingDhKeyCheck, 17);
        Next(smp, ref i, false, SmpCode.PairingDhKeyCheck, 17);
        return i;
    }

    /// <summary>
    /// What a passive eavesdropper does with one recorded Passkey Entry: each round reveals the nonce behind its
    /// commitment, so trying both values of the round's bit in f4 gives the bit. Returns the passkey, or -1.
    /// </summary>
    public static int RecoverPasskey(List<(bool FromPhone, byte[] Pdu)> smp)
    {
        byte[] pka = smp.First(p => p.FromPhone && p.Pdu[0] == SmpCode.PairingPublicKey).Pdu;
        byte[] pkb = smp.First(p => !p.FromPhone && p.Pdu[0] == SmpCode.PairingPublicKey).Pdu;
        byte[] pkax = SmpCrypto.Reverse(pka.AsSpan(1, 32));
        byte[] pkbx = SmpCrypto.Reverse(pkb.AsSpan(1, 32));
        var confirms = smp.Where(p => p.FromPhone && p.Pdu[0] == SmpCode.PairingConfirm).Select(p => SmpCrypto.Reverse(p.Pdu.AsSpan(1))).ToList();
        var nonces = smp.Where(p => p.FromPhone && p.Pdu[0] == SmpCode.PairingRandom).Select(p => SmpCrypto.Reverse(p.Pdu.AsSpan(1))).ToList();
        int passkey = 0;
        for (int round = 0; round < SmpCode.PasskeyRounds; round++)
        {
            if (SmpCrypto.F4(pkax, pkbx, nonces[round], 0x81).AsSpan().SequenceEqual(confirms[round]))
            {
                passkey |= 1 << round;
            }
            else if (!SmpCrypto.F4(pkax, pkbx, nonces[round], 0x80).AsSpan().SequenceEqual(confirms[round]))
            {
                return -1;
            }
        }

        return passkey;
    }

    private static byte[] Next(List<(bool FromPhone, byte[] Pdu)> smp, ref int i, bool fromPhone, byte code, int length)
    {
        Assert.True(i < smp.Count, $"the capture ends before SMP 0x{code:X2}");
        var (from, pdu) = smp[i++];
        Assert.Equal((fromPhone, code, length), (from, pdu[0], pdu.Length));
        return pdu;
    }
}
