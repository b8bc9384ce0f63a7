using WearableFirmware.Ble;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Ble;
using WearableFirmware.Time;

namespace WearableFirmware.Tests.Ble;

/// <summary>A wearable (profile + simulated server) and phones to connect to it.</summary>
internal sealed class BleBench
{
    public static readonly byte[] DeviceAddress = [0x24, 0x6F, 0x28, 0x1A, 0x2B, 0x3C];

    public BleBench(Stream? snoop = null)
    {
        Clock = new VirtualClock();
        WallClock = new WallClock(Clock);
        Profile = new HealthProfile(WallClock, DeviceAddress);
        Server = new SimulatedGattServer(Profile, "WF-1 Wrist Oximeter");
        Pairing = new BondManager(PasskeyFile, new SeededRandomSource(7), Server.Bonds);
        Pairing.Provision();
        Pairing.OpenPairingWindow(0);
        Server.Security.Firmware = Pairing;
        Snoop = snoop == null ? null : new BtSnoopWriter(snoop);
    }

    public VirtualClock Clock { get; }
    public WallClock WallClock { get; }
    public HealthProfile Profile { get; }
    public SimulatedGattServer Server { get; }
    public BtSnoopWriter? Snoop { get; }
    public SimulatedPasskeyFile PasskeyFile { get; } = new();

    /// <summary>The firmware's pairing side; its window is open from time 0 (the power-up gesture).</summary>
    public BondManager Pairing { get; }

    public BleLink NewLink() => new(Server, Clock, Snoop);

    /// <summary>A phone whose user types the passkey on the device's label.</summary>
    public SimulatedPhone NewPhone(byte last = 1, int mtu = 185)
    {
        var phone = new SimulatedPhone("phone" + last, [0x5A, 0x11, 0x22, 0x33, 0x44, last], mtu);
        phone.Security.PasskeyEntry = () => Pairing.Passkey;
        return phone;
    }

    /// <summary>A phone connected with MTU exchanged and discovery done (not paired).</summary>
    public (SimulatedPhone Phone, BleLink Link) Connected(byte last = 1, int mtu = 185, bool exchangeMtu = true)
    {
        var phone = NewPhone(last, mtu);
        var link = NewLink();
        phone.Connect(link);
        if (exchangeMtu)
        {
            phone.ExchangeMtu();
        }

        phone.DiscoverAll();
        return (phone, link);
    }

    /// <summary>The server's view of the link the phone is connected on.</summary>
    public GattSecurity NewLinkConnectionSecurity(SimulatedPhone phone) =>
        Server.Connections.Single(c => c.PeerAddress == Convert.ToHexString(phone.Address)).Security;

    public static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", ""));
}
