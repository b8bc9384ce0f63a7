using WearableFirmware.Alarms;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Storage;
using WearableFirmware.Storage;
using WearableFirmware.Time;
using Xunit;

namespace WearableFirmware.Tests.Alarms;

public class AlarmRecordTests
{
    [Fact]
    public void An_alarm_event_is_stored_in_twelve_bytes_as_documented()
    {
        var e = new AlarmEvent
        {
            Kind = AlarmEventKind.Ended, Condition = AlarmCondition.SpO2Low, Priority = AlarmPriority.High, Value = 91.04f, Limit = 90f,
            DurationSeconds = 300, Conditions = 1, Latched = true,
        };
        byte[] payload = new byte[14];
        Assert.Equal(12, AlarmRecord.Encode(payload, e));
        // kind 4, condition 1, priority 3, 910 = 0x038E, 900 = 0x0384, 300 = 0x012C, mask 1, latched
        Assert.Equal(new byte[] { 4, 1, 3, 0x8E, 0x03, 0x84, 0x03, 0x2C, 0x01, 0x01, 0x00, 0x01, 0, 0 }, payload);
    }

    [Fact]
    public void A_stored_record_reads_back_field_by_field_and_missing_values_stay_missing()
    {
        var store = new RecordStore(new SimulatedFlash(4, 256), new WallClock(new VirtualClock()));
        var e = new AlarmEvent { Kind = AlarmEventKind.Paused, Priority = AlarmPriority.Medium, Value = float.NaN, Limit = float.NaN,
            DurationSeconds = 120, Conditions = 0b110 };
        byte[] payload = new byte[14];
        int seq = store.Append(RecordType.Alarm, payload, 0, AlarmRecord.Encode(payload, e));
        var r = new StoredRecord();
        Assert.True(store.TryRead(seq, r));
        Assert.Equal(AlarmEventKind.Paused, AlarmRecord.Kind(r));
        Assert.Equal((AlarmCondition)0, AlarmRecord.Condition(r));
        Assert.Equal(AlarmPriority.Medium, AlarmRecord.Priority(r));
        Assert.Equal(AlarmRecord.NoValue, AlarmRecord.ValueTenths(r));
        Assert.Equal(AlarmRecord.NoValue, AlarmRecord.LimitTenths(r));
        Assert.Equal(120, AlarmRecord.DurationSeconds(r));
        Assert.Equal(0b110, AlarmRecord.Conditions(r));
        Assert.False(AlarmRecord.Latched(r));
    }
}
