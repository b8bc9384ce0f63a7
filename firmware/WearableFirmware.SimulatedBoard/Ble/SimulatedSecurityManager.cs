using WearableFirmware.Ble;

namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>
/// The wearable's Security Manager as responder, LE Secure Connections (Core Vol 3 Part H 2.3.5.6, 3.5-3.6), doing
/// what NimBLE does on the ESP32 with the settings the device adapter gives it: IO capability DisplayOnly, MITM and
/// SC in AuthReq, the bonding flag only while the firmware allows new bonds. Public keys, confirm and random values,
/// the DHKey, MacKey, LTK and DHKey checks are computed for real (<see cref="SmpCrypto"/>), so a wrong passkey fails
/// the confirm check as on air. Passkey Entry asks the firmware's <see cref="BondManager"/> for the passkey when
/// NimBLE raises its passkey event (after the public keys); a refusal leaves the phone unanswered, as on the device,
/// where the handler never calls Accept and the phone's SMP timer (30 s) ends the attempt. One deliberate
/// difference: legacy pairing is refused here (Authentication Requirements), while the stock image's NimBLE would
/// run it (see hardware-notes/security.md). Keys are distributed as NimBLE does under nanoFramework's settings: the
/// EncKey bit only, which Secure Connections ignores, so nothing follows the encryption.
/// </summary>
public sealed class SimulatedSecurityManager
{
    private readonly SimulatedBondStore _bonds;
    private readonly byte[] _deviceAddress;
    private readonly Random _random;

    public SimulatedSecurityManager(SimulatedBondStore bonds, byte[] deviceAddress, int seed)
    {
        _bonds = bonds;
        _deviceAddress = deviceAddress;
        _random = new Random(seed);
    }

    /// <summary>The firmware's pairing handler; without one every Passkey Entry goes unanswered.</summary>
    public BondManager? Firmware { get; set; }

    /// <summary>One line per pairing event (what NimBLE's log and the firmware's console would say).</summary>
    public event Action<SimulatedConnection, string>? Log;

    /// <summary>Processes one SMP PDU from the phone; returns the PDUs the device sends back, in order.</summary>
    public List<byte[]> Receive(SimulatedConnection c, byte[] pdu, long now)
    {
        var replies = new List<byte[]>();
        if (pdu.Length == 0)
        {
            return replies;
        }

        SmpResponderSession? s = c.Pairing;
        if (pdu[0] == SmpCode.PairingRequest)
        {
            s = c.Pairing = new SmpResponderSession();
            return PairingRequest(c, s, pdu, now);
        }

        if (s == null)
        {
            return pdu[0] == SmpCode.PairingFailed ? replies : [Failed(c, null, SmpCode.UnspecifiedReason, now, "no pairing in progress")];
        }

        if (s.Silent)
        {
            // The firmware kept the passkey: the stack waits for it until the phone gives up.
            return replies;
        }

        switch (pdu[0])
        {
            case SmpCode.PairingPublicKey when s.Stage == ResponderStage.PublicKey && pdu.Length == 65:
                return PublicKey(c, s, pdu, now);
            case SmpCode.PairingConfirm when s.Stage == ResponderStage.Confirm && pdu.Length == 17:
                s.PeerConfirm = pdu[1..];
                s.Nonce = Nonce();
                replies.Add([SmpCode.PairingConfirm, .. SmpCrypto.Reverse(SmpCrypto.F4(s.OwnX, s.PeerX, s.Nonce, PasskeyBit(s)))]);
                s.Stage = ResponderStage.Random;
                return replies;
            case SmpCode.PairingRandom when s.Stage == ResponderStage.Random && pdu.Length == 17:
                return PairingRandom(c, s, SmpCrypto.Reverse(pdu.AsSpan(1)), now);
            case SmpCode.PairingDhKeyCheck when s.Stage == ResponderStage.DhKeyCheck && pdu.Length == 17:
                return DhKeyCheck(c, s, SmpCrypto.Reverse(pdu.AsSpan(1)), now);
            case SmpCode.PairingFailed:
                End(c, s, false, now, $"phone ended the pairing (reason 0x{(pdu.Length > 1 ? pdu[1] : 0):X2})");
                return replies;
            default:
                return [Failed(c, s, SmpCode.UnspecifiedReason, now, $"unexpected SMP 0x{pdu[0]:X2}")];
        }
    }

    /// <summary>
    /// The phone starts encryption with <paramref name="ltk"/> (LE Start Encryption; the device's controller asks its
    /// host for the key): the key of the pairing just finished, or of the stored bond. Returns the HCI status.
    /// </summary>
    public byte StartEncryption(SimulatedConnection c, byte[] ltk, long now)
    {
        SmpResponderSession? s = c.Pairing;
        if (s is { Stage: ResponderStage.Encryption } && s.Ltk!.AsSpan().SequenceEqual(ltk))
        {
            c.Security = s.Passkey ? GattSecurity.Authenticated : GattSecurity.Encrypted;
            if (s.Bonding)
            {
                var record = new BondRecord { Ltk = s.Ltk!, KeySecurity = c.Security };
                foreach (var pair in c.Cccds)
                {
                    record.Cccds[pair.Key] = pair.Value;
                }

                _bonds.Bonds[c.PeerAddress] = record;
                c.Bond = record;
                c.Cccds = record.Cccds;
            }

            End(c, s, true, now, $"paired ({(s.Passkey ? "Passkey Entry, authenticated" : "Just Works, unauthenticated")}){(s.Bonding ? ", bonded" : ", not bonded")}");
            return 0;
        }

        if (_bonds.Bonds.TryGetValue(c.PeerAddress, out BondRecord? bond) && bond.Ltk.AsSpan().SequenceEqual(ltk))
        {
            c.Bond = bond;
            c.Cccds = bond.Cccds;
            c.Security = bond.KeySecurity;
            return 0;
        }

        Log?.Invoke(c, "encryption refused: no key for this phone");
        return SmpCode.PinOrKeyMissing;
    }

    private List<byte[]> PairingRequest(SimulatedConnection c, SmpResponderSession s, byte[] pdu, long now)
    {
        if (pdu.Length != 7 || pdu[1] > SmpCode.KeyboardDisplay || pdu[4] < 7 || pdu[4] > 16)
        {
            return [Failed(c, s, SmpCode.InvalidParameters, now, "malformed Pairing Request")];
        }

        if ((pdu[3] & SmpCode.AuthSecureConnections) == 0)
        {
            return [Failed(c, s, SmpCode.AuthenticationRequirements, now, "legacy pairing refused (no Secure Connections)")];
        }

        if (pdu[4] != 16)
        {
            return [Failed(c, s, SmpCode.EncryptionKeySize, now, "encryption key shorter than 128 bits")];
        }

        bool bondingAllowed = Firmware != null && Firmware.BondingAllowed(now);
        byte auth = (byte)((bondingAllowed ? SmpCode.AuthBonding : 0) | SmpCode.AuthMitm | SmpCode.AuthSecureConnections);
        s.Bonding = bondingAllowed && (pdu[3] & 0x03) == SmpCode.AuthBonding;
        byte keys = (byte)(s.Bonding ? SmpCode.KeyDistEnc : 0);
        byte[] response = [SmpCode.PairingResponse, BlePairingPolicy.IoCapabilityDisplayOnly, 0x00, auth, 16, (byte)(pdu[5] & keys), (byte)(pdu[6] & keys)];
        s.Request = pdu;
        s.Response = response;
        s.Passkey = SmpCode.PasskeyWithDisplayOnlyResponder(pdu[1]);
        s.PeerAddress = Convert.FromHexString(c.PeerAddress);
        s.Stage = ResponderStage.PublicKey;
        return [response];
    }

    private List<byte[]> PublicKey(SimulatedConnection c, SmpResponderSession s, byte[] pdu, long now)
    {
        s.PeerX = SmpCrypto.Reverse(pdu.AsSpan(1, 32));
        s.PeerY = SmpCrypto.Reverse(pdu.AsSpan(33, 32));
        s.Key = SmpCrypto.KeyPair(_random);
        s.DhKey = SmpCrypto.DhKey(s.Key, s.PeerX, s.PeerY);
        if (s.DhKey == null)
        {
            return [Failed(c, s, SmpCode.InvalidParameters, now, "phone's public key is not on P-256")];
        }

        (s.OwnX, byte[] ownY) = SmpCrypto.PublicKey(s.Key);
        var replies = new List<byte[]> { new byte[] { SmpCode.PairingPublicKey }.Concat(SmpCrypto.Reverse(s.OwnX)).Concat(SmpCrypto.Reverse(ownY)).ToArray() };
        if (!s.Passkey)
        {
            // Just Works: the responder commits to its nonce at once (2.3.5.6.2).
            s.Nonce = Nonce();
            replies.Add([SmpCode.PairingConfirm, .. SmpCrypto.Reverse(SmpCrypto.F4(s.OwnX, s.PeerX, s.Nonce, 0))]);
            s.Stage = ResponderStage.Random;
            return replies;
        }

        PairingDecision decision = Firmware?.OnPasskeyRequested(now) ?? PairingDecision.WindowClosed;
        if (decision != PairingDecision.ShowPasskey)
        {
            s.Silent = true;
            Log?.Invoke(c, $"passkey not given ({decision}); the phone's pairing will time out");
            return replies;
        }

        s.PasskeyValue = Firmware!.Passkey;
        s.Stage = ResponderStage.Confirm;
        return replies;
    }

    private List<byte[]> PairingRandom(SimulatedConnection c, SmpResponderSession s, byte[] peerNonce, long now)
    {
        if (s.Passkey)
        {
            byte[] expected = SmpCrypto.F4(s.PeerX, s.OwnX, peerNonce, PasskeyBit(s));
            if (!SmpCrypto.Reverse(expected).AsSpan().SequenceEqual(s.PeerConfirm))
            {
                return [Failed(c, s, SmpCode.ConfirmValueFailed, now, $"confirm value failed in round {s.Round + 1} of 20 (wrong passkey)")];
            }

            s.Round++;
            s.Stage = s.Round == SmpCode.PasskeyRounds ? ResponderStage.DhKeyCheck : ResponderStage.Confirm;
        }
        else
        {
            s.Stage = ResponderStage.DhKeyCheck;
        }

        s.PeerNonce = peerNonce;
        return [[SmpCode.PairingRandom, .. SmpCrypto.Reverse(s.Nonce)]];
    }

    private List<byte[]> DhKeyCheck(SimulatedConnection c, SmpResponderSession s, byte[] ea, long now)
    {
        byte[] a = SmpCrypto.AddressField(true, s.PeerAddress);
        byte[] b = SmpCrypto.AddressField(false, _deviceAddress);
        (byte[] macKey, byte[] ltk) = SmpCrypto.F5(s.DhKey!, s.PeerNonce, s.Nonce, a, b);
        byte[] r = s.Passkey ? SmpCrypto.PasskeyR(s.PasskeyValue) : new byte[16];
        byte[] ioCapA = [s.Request[3], s.Request[2], s.Request[1]];
        byte[] ioCapB = [s.Response[3], s.Response[2], s.Response[1]];
        if (!SmpCrypto.F6(macKey, s.PeerNonce, s.Nonce, r, ioCapA, a, b).AsSpan().SequenceEqual(ea))
        {
            return [Failed(c, s, SmpCode.DhKeyCheckFailed, now, "DHKey check failed")];
        }

        s.Ltk = ltk;
        s.Stage = ResponderStage.Encryption;
        return [[SmpCode.PairingDhKeyCheck, .. SmpCrypto.Reverse(SmpCrypto.F6(macKey, s.Nonce, s.PeerNonce, r, ioCapB, b, a))]];
    }

    private byte[] Failed(SimulatedConnection c, SmpResponderSession? s, byte reason, long now, string why)
    {
        if (s != null)
        {
            End(c, s, false, now, why);
        }
        else
        {
            Log?.Invoke(c, why);
        }

        return [SmpCode.PairingFailed, reason];
    }

    // NimBLE reports the outcome to the firmware (nanoFramework's PairingComplete); only an attempt that was given
    // the passkey counts towards the back-off.
    private void End(SimulatedConnection c, SmpResponderSession s, bool success, long now, string why)
    {
        if (s.Passkey && s.PasskeyValue >= 0 && Firmware != null)
        {
            if (success)
            {
                Firmware.OnPairingSucceeded();
            }
            else
            {
                Firmware.OnPairingFailed(now);
            }
        }

        s.Key?.Dispose();
        c.Pairing = null;
        Log?.Invoke(c, why);
    }

    private static byte PasskeyBit(SmpResponderSession s) => s.Passkey ? (byte)(0x80 | ((s.PasskeyValue >> s.Round) & 1)) : (byte)0;

    private byte[] Nonce()
    {
        var n = new byte[16];
        _random.NextBytes(n);
        return n;
    }
}
