using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Storage;
using WearableFirmware.Storage;
using WearableFirmware.Time;

namespace WearableFirmware.Tests.Storage;

/// <summary>A simulated flash plus the store over it, rebootable like the device.</summary>
internal sealed class StoreRig
{
    public StoreRig(int segments = 4, int segmentSize = 256, int seed = 1)
    {
        Flash = new SimulatedFlash(segments, segmentSize, seed);
        Clock = new VirtualClock();
        WallClock = new WallClock(Clock);
        Store = new RecordStore(Flash, WallClock);
    }

    public SimulatedFlash Flash { get; }

    public VirtualClock Clock { get; private set; }

    public WallClock WallClock { get; private set; }

    public RecordStore Store { get; private set; }

    /// <summary>Power back on and start the firmware again: new uptime clock, store mounted from flash.</summary>
    public RecordStore Reboot()
    {
        Flash.PowerOn();
        Clock = new VirtualClock();
        WallClock = new WallClock(Clock);
        Store = new RecordStore(Flash, WallClock);
        return Store;
    }

    /// <summary>A spot-check whose payload is unique to <paramref name="id"/>.</summary>
    public static byte[] Payload(int id) =>
        [(byte)(id & 0xFF), (byte)(id >> 8), 0x48, 0x03, 0x80, 0x00, (byte)id, (byte)(id >> 8), (byte)(id >> 16), 0x2C, 0x01];

    public int AppendSpotCheck(int id)
    {
        byte[] p = Payload(id);
        return Store.Append(RecordType.SpotCheck, p, 0, p.Length);
    }

    /// <summary>The payload stored under <paramref name="sequence"/>, or null when the store does not return it.</summary>
    public byte[]? Read(int sequence)
    {
        var r = new StoredRecord();
        return Store.TryRead(sequence, r) ? r.Payload[..r.PayloadLength] : null;
    }
}

/// <summary>Transport that allocates nothing: counts what it is given (for the allocation test).</summary>
internal sealed class CountingTransport : IRecordTransport
{
    public int Records;
    public int Responses;
    public byte LastResponseCode;
    public bool Refuse;
    public bool RefuseResponses;

    public bool SendStoredRecord(StoredRecord record)
    {
        if (Refuse)
        {
            return false;
        }

        Records++;
        return true;
    }

    public bool SendRacpResponse(byte[] value, int length)
    {
        if (RefuseResponses)
        {
            return false;
        }

        Responses++;
        LastResponseCode = value[length - 1];
        return true;
    }
}
