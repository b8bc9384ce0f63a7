using System.Security.Cryptography;

namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>One pairing in progress on a link, responder side; values in the specification's byte order.</summary>
internal sealed class SmpResponderSession
{
    public ResponderStage Stage { get; set; }
    public byte[] Request { get; set; } = [];
    public byte[] Response { get; set; } = [];
    public bool Passkey { get; set; }
    public int PasskeyValue { get; set; } = -1;
    public bool Silent { get; set; }
    public bool Bonding { get; set; }
    public byte[] PeerAddress { get; set; } = [];
    public ECDiffieHellman? Key { get; set; }
    public byte[] PeerX { get; set; } = [];
    public byte[] PeerY { get; set; } = [];
    public byte[] OwnX { get; set; } = [];
    public byte[]? DhKey { get; set; }
    public int Round { get; set; }
    public byte[] PeerConfirm { get; set; } = [];
    public byte[] Nonce { get; set; } = [];
    public byte[] PeerNonce { get; set; } = [];
    public byte[]? Ltk { get; set; }
}
