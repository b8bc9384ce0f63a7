using WearableFirmware.Ble;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Ble;
using WearableFirmware.Storage;
using WearableFirmware.Time;
using Xunit;

namespace WearableFirmware.Tests.Storage;

/// <summary>
/// Current Time refuses what the record store cannot hold (issue 18 item 6): records keep u32 seconds since 1970, so
/// the settable range is 1970-01-01 00:00:00 to 2106-02-07 06:28:15 (2^32 - 1 s); outside it Out of Range (0xFF).
/// </summary>
public class CurrentTimeRangeTests
{
    private sealed class BondedLink : IGattLink
    {
        public GattSecurity Security => GattSecurity.Encrypted;

        public bool IsBonded => true;

        public bool IsSubscribed(GattCharacteristic characteristic) => false;
    }

    private static byte Write(CurrentTimeService service, DateTime t, int dayOfWeek = 0)
    {
        byte[] value = PhoneDecoders.EncodeCurrentTime(t);
        value[7] = (byte)dayOfWeek;
        return service.Write(service.CurrentTime, new BondedLink(), value, 0, value.Length);
    }

    [Theory]
    [InlineData(1970, 1, 1, 0, 0, 0, 4, 0L)]                       // Thursday; the first storable second
    [InlineData(2106, 2, 7, 6, 28, 15, 7, 4_294_967_295L)]         // Sunday; the last one, 2^32 - 1
    public void The_edges_of_the_storable_range_are_accepted_and_stored_exactly(int y, int mo, int d, int h, int mi, int s, int dayOfWeek, long unix)
    {
        var clock = new VirtualClock();
        var wall = new WallClock(clock);
        var service = new CurrentTimeService(wall);
        Assert.Equal(AttErrorCode.Success, Write(service, new DateTime(y, mo, d, h, mi, s), dayOfWeek));
        Assert.Equal(unix, wall.UnixSeconds);

        var store = new RecordStore(new SimulatedBoard.Storage.SimulatedFlash(4, 256), wall);
        int sequence = store.AppendSpotCheck(970, 720, 0, 0, 300);
        var record = new StoredRecord();
        Assert.True(store.TryRead(sequence, record));
        Assert.True(record.ClockSet);
        Assert.Equal((uint)unix, record.Time);
    }

    [Theory]
    [InlineData(1969, 12, 31, 23, 59, 59)]
    [InlineData(1969, 6, 15, 12, 0, 0)]     // the example: it came back as 2105-07-22
    [InlineData(1582, 10, 15, 0, 0, 0)]     // the Date Time format's first year
    [InlineData(2106, 2, 7, 6, 28, 16)]
    [InlineData(9999, 12, 31, 23, 59, 59)]
    public void A_time_records_cannot_hold_is_out_of_range_and_leaves_the_clock_alone(int y, int mo, int d, int h, int mi, int s)
    {
        var clock = new VirtualClock();
        var wall = new WallClock(clock);
        var service = new CurrentTimeService(wall);
        Assert.Equal(AttErrorCode.Success, Write(service, new DateTime(2026, 3, 1, 8, 0, 0)));
        long before = wall.UnixSeconds;
        Assert.Equal(AttErrorCode.OutOfRange, Write(service, new DateTime(y, mo, d, h, mi, s)));
        Assert.Equal(before, wall.UnixSeconds);
        Assert.Equal(1, wall.SetCount);
    }

    [Fact]
    public void A_clock_run_past_the_last_storable_second_stores_uptime_flagged_clock_not_set_never_a_wrapped_date()
    {
        var clock = new VirtualClock();
        var wall = new WallClock(clock);
        var store = new RecordStore(new SimulatedBoard.Storage.SimulatedFlash(4, 256), wall);
        clock.Advance(90_000_000);
        wall.Set(CurrentTimeService.LatestStorableSeconds);
        clock.Advance(5_000_000);
        var record = new StoredRecord();
        Assert.True(store.TryRead(store.AppendSpotCheck(970, 720, 0, 0, 300), record));
        Assert.False(record.ClockSet);
        Assert.Equal(95u, record.Time);
    }
}
