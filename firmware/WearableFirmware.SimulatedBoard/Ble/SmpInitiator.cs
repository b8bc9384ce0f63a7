using System.Security.Cryptography;

namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>
/// The phone's Security Manager as initiator of LE Secure Connections pairing (Core Vol 3 Part H 2.3.5.6): Pairing
/// Request, public keys, then Passkey Entry (the user types the passkey; 20 confirm/random rounds, one per passkey
/// bit) or Just Works, the DHKey checks, and encryption with the derived LTK. Its IO capability decides the method
/// against the device's DisplayOnly: a keyboard gives Passkey Entry, anything else Just Works. A device that stops
/// answering is a timeout (the SMP timer, 30 s).
/// </summary>
public sealed class SmpInitiator
{
    private readonly Random _random;

    public SmpInitiator(int seed)
    {
        _random = new Random(seed);
    }

    /// <summary>SMP IO capability; smartphones are KeyboardDisplay.</summary>
    public byte IoCapability { get; set; } = SmpCode.KeyboardDisplay;

    /// <summary>What the user types when asked for the passkey (the device's label); null = the user cancels.</summary>
    public Func<int>? PasskeyEntry { get; set; }

    /// <summary>The long-term key of the bond this phone keeps, or null.</summary>
    public byte[]? BondLtk { get; set; }

    public PairingOutcome Pair(BleLink link, byte[] phoneAddress, bool bond)
    {
        byte auth = (byte)((bond ? SmpCode.AuthBonding : 0) | SmpCode.AuthMitm | SmpCode.AuthSecureConnections);
        byte[] request = [SmpCode.PairingRequest, IoCapability, 0x00, auth, 16, SmpCode.KeyDistEnc | SmpCode.KeyDistId, SmpCode.KeyDistEnc | SmpCode.KeyDistId];
        byte[]? response = Expect(link.SendSmp(request), SmpCode.PairingResponse, 7, out PairingOutcome? failure);
        if (response == null)
        {
            return failure!;
        }

        bool mitm = ((request[3] | response[3]) & SmpCode.AuthMitm) != 0;
        bool passkey = mitm && response[1] == SmpCode.DisplayOnly && SmpCode.PasskeyWithDisplayOnlyResponder(IoCapability);
        bool bonded = bond && (response[3] & 0x03) == SmpCode.AuthBonding;

        using ECDiffieHellman key = SmpCrypto.KeyPair(_random);
        var (ownX, ownY) = SmpCrypto.PublicKey(key);
        List<byte[]> replies = link.SendSmp([SmpCode.PairingPublicKey, .. SmpCrypto.Reverse(ownX), .. SmpCrypto.Reverse(ownY)]);
        byte[]? peerKey = Expect(replies, SmpCode.PairingPublicKey, 65, out failure);
        if (peerKey == null)
        {
            return failure!;
        }

        byte[] peerX = SmpCrypto.Reverse(peerKey.AsSpan(1, 32));
        byte[]? dhKey = SmpCrypto.DhKey(key, peerX, SmpCrypto.Reverse(peerKey.AsSpan(33, 32)));
        if (dhKey == null)
        {
            return Fail(link, SmpCode.InvalidParameters, "device's public key is not on P-256");
        }

        byte[] na = [], nb = [], r = new byte[16];
        if (passkey)
        {
            if (PasskeyEntry == null)
            {
                return Fail(link, SmpCode.PasskeyEntryFailed, "user cancelled the passkey entry");
            }

            int value = PasskeyEntry();
            r = SmpCrypto.PasskeyR(value);
            for (int round = 0; round < SmpCode.PasskeyRounds; round++)
            {
                byte bit = (byte)(0x80 | ((value >> round) & 1));
                na = Nonce();
                byte[]? confirm = Expect(link.SendSmp([SmpCode.PairingConfirm, .. SmpCrypto.Reverse(SmpCrypto.F4(ownX, peerX, na, bit))]), SmpCode.PairingConfirm, 17, out failure);
                if (confirm == null)
                {
                    return failure!;
                }

                byte[]? random = Expect(link.SendSmp([SmpCode.PairingRandom, .. SmpCrypto.Reverse(na)]), SmpCode.PairingRandom, 17, out failure);
                if (random == null)
                {
                    return failure!;
                }

                nb = SmpCrypto.Reverse(random.AsSpan(1));
                if (!SmpCrypto.Reverse(SmpCrypto.F4(peerX, ownX, nb, bit)).AsSpan().SequenceEqual(confirm.AsSpan(1)))
                {
                    return Fail(link, SmpCode.ConfirmValueFailed, $"device's confirm value failed in round {round + 1}");
                }
            }
        }
        else
        {
            byte[]? confirm = Expect(replies.Skip(1).ToList(), SmpCode.PairingConfirm, 17, out failure);
            if (confirm == null)
            {
                return failure!;
            }

            na = Nonce();
            byte[]? random = Expect(link.SendSmp([SmpCode.PairingRandom, .. SmpCrypto.Reverse(na)]), SmpCode.PairingRandom, 17, out failure);
            if (random == null)
            {
                return failure!;
            }

            nb = SmpCrypto.Reverse(random.AsSpan(1));
            if (!SmpCrypto.Reverse(SmpCrypto.F4(peerX, ownX, nb, 0)).AsSpan().SequenceEqual(confirm.AsSpan(1)))
            {
                return Fail(link, SmpCode.ConfirmValueFailed, "device's confirm value failed");
            }
        }

        byte[] a = SmpCrypto.AddressField(true, phoneAddress);
        byte[] b = SmpCrypto.AddressField(false, link.DeviceAddress);
        (byte[] macKey, byte[] ltk) = SmpCrypto.F5(dhKey, na, nb, a, b);
        byte[] ea = SmpCrypto.F6(macKey, na, nb, r, [request[3], request[2], request[1]], a, b);
        byte[]? check = Expect(link.SendSmp([SmpCode.PairingDhKeyCheck, .. SmpCrypto.Reverse(ea)]), SmpCode.PairingDhKeyCheck, 17, out failure);
        if (check == null)
        {
            return failure!;
        }

        byte[] eb = SmpCrypto.F6(macKey, nb, na, r, [response[3], response[2], response[1]], b, a);
        if (!SmpCrypto.Reverse(eb).AsSpan().SequenceEqual(check.AsSpan(1)))
        {
            return Fail(link, SmpCode.DhKeyCheckFailed, "device's DHKey check failed");
        }

        byte status = link.StartEncryption(ltk);
        if (status != 0)
        {
            return PairingOutcome.Failed(0, $"encryption failed (HCI status 0x{status:X2})");
        }

        if (bonded)
        {
            BondLtk = ltk;
        }

        return new PairingOutcome(true, passkey, bonded, 0, false,
            (passkey ? "Passkey Entry" : "Just Works") + (bonded ? ", bonded" : ", not bonded"));
    }

    private static byte[]? Expect(List<byte[]> replies, byte code, int length, out PairingOutcome? failure)
    {
        failure = null;
        if (replies.Count == 0)
        {
            failure = new PairingOutcome(false, false, false, 0, true, "no answer from the device: SMP timeout after 30 s");
            return null;
        }

        byte[] pdu = replies[0];
        if (pdu[0] == SmpCode.PairingFailed)
        {
            failure = PairingOutcome.Failed(pdu.Length > 1 ? pdu[1] : (byte)0, $"device sent Pairing Failed (reason 0x{(pdu.Length > 1 ? pdu[1] : 0):X2})");
            return null;
        }

        if (pdu[0] != code || pdu.Length != length)
        {
            failure = PairingOutcome.Failed(SmpCode.UnspecifiedReason, $"unexpected SMP PDU 0x{pdu[0]:X2}");
            return null;
        }

        return pdu;
    }

    private static PairingOutcome Fail(BleLink link, byte reason, string why)
    {
        link.SendSmp([SmpCode.PairingFailed, reason]);
        return PairingOutcome.Failed(reason, why);
    }

    private byte[] Nonce()
    {
        var n = new byte[16];
        _random.NextBytes(n);
        return n;
    }
}
