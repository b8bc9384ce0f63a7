using WearableFirmware.SimulatedBoard.Storage;
using WearableFirmware.Storage;
using Xunit;

namespace WearableFirmware.Tests.Storage;

public class RecordStoreTests
{
    [Fact]
    public void Records_read_back_intact_and_numbering_continues_after_a_reboot()
    {
        var rig = new StoreRig();
        Assert.Equal(1, rig.AppendSpotCheck(1));
        Assert.Equal(2, rig.AppendSpotCheck(2));
        Assert.Equal(3, rig.Store.AppendDeviceEvent(DeviceEventCode.Boot, 7));
        rig.Reboot();
        Assert.Equal(StoreRig.Payload(1), rig.Read(1));
        Assert.Equal(StoreRig.Payload(2), rig.Read(2));
        Assert.Equal(4, rig.Store.NextSequence);
        Assert.Equal(4, rig.AppendSpotCheck(4));
        Assert.Equal(0, rig.Store.CorruptAtMount);
    }

    [Fact]
    public void Timestamp_is_uptime_with_the_flag_clear_until_the_clock_is_set()
    {
        var rig = new StoreRig();
        rig.Clock.Advance(125_400_000); // 125.4 s since boot
        int early = rig.AppendSpotCheck(1);
        rig.WallClock.Set(1_780_000_000);
        rig.Clock.Advance(2_000_000);
        int late = rig.AppendSpotCheck(2);
        var r = new StoredRecord();
        Assert.True(rig.Store.TryRead(early, r));
        Assert.False(r.ClockSet);
        Assert.Equal(125u, r.Time);
        Assert.True(rig.Store.TryRead(late, r));
        Assert.True(r.ClockSet);
        Assert.Equal(1_780_000_002u, r.Time);
    }

    [Fact]
    public void Power_cut_at_every_byte_offset_of_a_record_write_loses_nothing_earlier()
    {
        for (int cut = 0; cut <= RecordLayout.BodySize; cut++)
        {
            var rig = new StoreRig(segmentSize: 1024);
            for (int id = 1; id <= 5; id++)
            {
                rig.AppendSpotCheck(id);
            }

            rig.Flash.CutPowerAfter(cut);
            bool acknowledged;
            try
            {
                acknowledged = rig.AppendSpotCheck(6) == 6;
            }
            catch (SimulatedPowerLossException)
            {
                acknowledged = false;
            }

            rig.Reboot();
            for (int id = 1; id <= 5; id++)
            {
                Assert.True(StoreRig.Payload(id).SequenceEqual(rig.Read(id) ?? []), $"cut at byte {cut}: record {id} lost");
            }

            // The record is complete once every byte differing from erased flash is programmed (trailing bytes
            // that are meant to be 0xFF need no programming).
            byte[] image = new byte[RecordLayout.SlotSize];
            byte[] payload = StoreRig.Payload(6);
            RecordLayout.Encode(image, 6, RecordType.SpotCheck, false, 0, payload, 0, payload.Length);
            int needed = Array.FindLastIndex(image, b => b != 0xFF) + 1;
            byte[]? sixth = rig.Read(6);
            if (cut >= needed)
            {
                Assert.Equal(payload, sixth);
                Assert.Equal(0, rig.Store.CorruptAtMount);
            }
            else
            {
                Assert.False(acknowledged);
                Assert.Null(sixth); // torn: skipped, never returned
                Assert.Equal(cut == 0 ? 0 : 1, rig.Store.CorruptAtMount);
            }

            // Numbers continue past every slot that was touched, and the store keeps working.
            int next = rig.AppendSpotCheck(7);
            Assert.Equal(cut == 0 ? 6 : 7, next);
            Assert.Equal(StoreRig.Payload(7), rig.Read(next));
        }
    }

    [Fact]
    public void Power_cut_anywhere_in_a_segment_rotation_keeps_every_record_outside_the_oldest_segment_and_counts_the_drop()
    {
        // 4 segments of 8 slots: 6 records per segment, the 25th append rotates: two rotation-record copies (30 bytes each) + erase (256 bytes).
        int perSegment = new StoreRig().Store.RecordsPerSegment;
        for (int cut = 0; cut <= RecordLayout.BodySize + 256 + RecordLayout.BodySize; cut += 1)
        {
            var rig = new StoreRig();
            for (int id = 1; id <= 4 * perSegment; id++)
            {
                rig.AppendSpotCheck(id);
            }

            rig.Flash.CutPowerAfter(cut);
            try
            {
                rig.AppendSpotCheck(1000);
            }
            catch (SimulatedPowerLossException)
            {
            }

            rig.Reboot();
            rig.AppendSpotCheck(1001);
            rig.AppendSpotCheck(1002);
            var r = new StoredRecord();
            int lost = 0;
            for (int id = 1; id <= 4 * perSegment; id++)
            {
                int sequence = id + 2 * ((id - 1) / perSegment); // two rotation-record copies per segment
                byte[]? got = rig.Read(sequence);
                if (got == null)
                {
                    Assert.True(id <= perSegment, $"cut {cut}: record {id} outside the oldest segment lost");
                    lost++;
                }
                else
                {
                    Assert.Equal(StoreRig.Payload(id), got);
                }
            }

            Assert.True(lost <= rig.Store.DroppedRecords, $"cut {cut}: {lost} records gone but only {rig.Store.DroppedRecords} counted");
        }
    }

    [Fact]
    public void A_flipped_bit_in_any_stored_record_is_skipped_at_mount_without_losing_the_others()
    {
        for (int target = 1; target <= 6; target++)
        {
            var rig = new StoreRig(segmentSize: 1024, seed: target);
            for (int id = 1; id <= 6; id++)
            {
                rig.AppendSpotCheck(id);
            }

            var random = new Random(target);
            int offset = (target - 1) * RecordLayout.SlotSize + random.Next(RecordLayout.BodySize);
            rig.Flash.FlipBit(0, offset, random.Next(8));
            rig.Reboot();
            Assert.Equal(1, rig.Store.CorruptAtMount);
            for (int id = 1; id <= 6; id++)
            {
                Assert.Equal(id == target ? null : StoreRig.Payload(id), rig.Read(id));
            }

            Assert.Equal(7, rig.AppendSpotCheck(7)); // a flipped last record never gives its number away again
        }
    }

    [Fact]
    public void A_bit_flipped_after_mount_is_caught_when_the_record_is_read()
    {
        var rig = new StoreRig();
        rig.AppendSpotCheck(1);
        rig.AppendSpotCheck(2);
        rig.Flash.FlipBit(0, RecordLayout.SlotSize + RecordLayout.PayloadOffset + 3, 5);
        Assert.Null(rig.Read(2));
        Assert.Equal(1, rig.Store.CorruptOnRead);
        Assert.Equal(1, rig.Store.Count(1, 10, RecordType.SpotCheck)); // no longer counted
        Assert.Equal(StoreRig.Payload(1), rig.Read(1));
    }

    [Fact]
    public void Drops_happen_only_when_the_ring_is_full_and_are_counted_and_persisted()
    {
        var rig = new StoreRig(segments: 4, segmentSize: 256);
        int perSegment = rig.Store.RecordsPerSegment;
        Assert.Equal(3 * perSegment, rig.Store.Capacity);
        for (int id = 1; id <= 4 * perSegment; id++)
        {
            rig.AppendSpotCheck(id);
        }

        Assert.Equal(0, rig.Store.DroppedRecords); // the whole ring is used before anything goes
        rig.AppendSpotCheck(999);
        Assert.Equal(perSegment, rig.Store.DroppedRecords); // the oldest segment, none delivered
        Assert.Null(rig.Read(1));
        Assert.Equal(perSegment + 3, rig.Store.OldestSequence); // after the dropped records and the two rotation-record copies
        rig.Reboot();
        Assert.Equal(perSegment, rig.Store.DroppedRecords);
    }

    [Fact]
    public void Delivered_and_deleted_records_are_reclaimed_without_counting_a_drop()
    {
        var rig = new StoreRig(segments: 3, segmentSize: 256);
        int perSegment = rig.Store.RecordsPerSegment;
        for (int id = 1; id <= 3 * perSegment; id++)
        {
            int sequence = rig.AppendSpotCheck(id);
            if (id <= 3)
            {
                Assert.True(rig.Store.MarkDelivered(sequence));
            }
            else if (id <= perSegment)
            {
                Assert.True(rig.Store.MarkDeleted(sequence));
            }
        }

        rig.Reboot(); // the marks come back from flash
        Assert.Equal(2 * perSegment, rig.Store.CountUndelivered(RecordType.SpotCheck));
        rig.AppendSpotCheck(500);
        Assert.Equal(0, rig.Store.DroppedRecords);
        Assert.Equal(1, rig.Store.Rotations);
    }

    [Fact]
    public void Preparing_in_idle_time_takes_the_erase_off_the_append_and_never_drops_what_the_phone_lacks()
    {
        var rig = new StoreRig(segments: 3, segmentSize: 32 * 18); // 16 records per segment
        int perSegment = rig.Store.RecordsPerSegment;
        rig.Store.AppendDeviceEvent(DeviceEventCode.Boot, 0);
        for (int id = 1; id < 3 * perSegment - 2; id++)
        {
            rig.AppendSpotCheck(id);
        }

        Assert.False(rig.Store.PrepareNextSegment()); // the oldest segment still holds undelivered spot-checks
        for (int sequence = 2; sequence <= perSegment; sequence++)
        {
            rig.Store.MarkDelivered(sequence); // the spot-checks of the oldest segment (1 is the boot event)
        }

        int erases = rig.Flash.EraseCounts.Sum();
        Assert.True(rig.Store.PrepareNextSegment());
        Assert.Equal(erases + 1, rig.Flash.EraseCounts.Sum());
        Assert.Equal(0, rig.Store.DroppedRecords);
        Assert.Equal(1, rig.Store.DroppedDeviceEvents); // the boot event nobody collected, counted
        for (int id = 0; id < 4; id++)
        {
            rig.AppendSpotCheck(100 + id); // crosses into the prepared segment
        }

        Assert.Equal(erases + 1, rig.Flash.EraseCounts.Sum()); // no erase on the append path
        rig.Reboot();
        Assert.Equal(1, rig.Store.DroppedDeviceEvents);
        Assert.Equal(0, rig.Store.DroppedRecords);
        Assert.Equal(2 * perSegment + 2, rig.Store.Count(1, int.MaxValue, RecordType.SpotCheck)); // 2 segments' worth - 2 + 4 new
    }

    [Fact]
    public void Undelivered_device_events_are_counted_apart_from_measurements()
    {
        var rig = new StoreRig(segments: 2, segmentSize: 128); // 2 records per segment
        rig.Store.AppendDeviceEvent(DeviceEventCode.Boot, 0);
        rig.AppendSpotCheck(1);
        rig.AppendSpotCheck(2);
        rig.AppendSpotCheck(3);
        Assert.Equal(0, rig.Store.DroppedRecords + rig.Store.DroppedDeviceEvents);
        rig.AppendSpotCheck(4); // reuses the first segment
        Assert.Equal(1, rig.Store.DroppedRecords);
        Assert.Equal(1, rig.Store.DroppedDeviceEvents);
    }

    [Fact]
    public void Append_gives_up_and_counts_when_storage_keeps_failing()
    {
        var rig = new StoreRig();
        rig.Flash.FailNextWrites(100);
        Assert.Equal(0, rig.AppendSpotCheck(1));
        Assert.Equal(1, rig.Store.AppendFailures);
        Assert.Equal(2, rig.Store.WriteFailures);
    }

    [Fact]
    public void Bad_arguments_are_refused_with_a_clear_error()
    {
        var rig = new StoreRig();
        Assert.Throws<ArgumentOutOfRangeException>(() => rig.Store.Append(RecordType.Fall, new byte[15], 0, 15));
        Assert.Throws<ArgumentException>(() => rig.Store.Append(RecordType.Rotation, new byte[1], 0, 1));
        Assert.Throws<ArgumentException>(() => new RecordStore(new SimulatedFlash(1, 256), rig.WallClock));
        Assert.Throws<ArgumentException>(() => new RecordStore(new SimulatedFlash(4, 100), rig.WallClock));
        Assert.Equal(0, rig.Store.NextSequence - 1); // nothing was written
    }

    [Fact]
    public void Fall_events_are_found_until_acknowledged_then_stay_acknowledged_across_reboots()
    {
        var rig = new StoreRig();
        byte[] fall = [1, 2, 3];
        int a = rig.Store.Append(RecordType.Fall, fall, 0, 3);
        rig.AppendSpotCheck(1);
        int b = rig.Store.Append(RecordType.Fall, fall, 0, 3);
        Assert.Equal(a, rig.Store.FindFirst(1, int.MaxValue, RecordType.Fall, true));
        Assert.True(rig.Store.MarkDelivered(a));
        rig.Reboot();
        Assert.Equal(b, rig.Store.FindFirst(1, int.MaxValue, RecordType.Fall, true));
        Assert.True(rig.Store.MarkDelivered(b));
        Assert.Equal(0, rig.Store.FindFirst(1, int.MaxValue, RecordType.Fall, true));
        Assert.Equal(0, rig.Store.CountUndelivered(RecordType.Fall));
    }

    [Fact]
    public void Appending_and_serving_RACP_allocate_nothing()
    {
        static (StoreRig Rig, CountingTransport Transport, Action Cycle) Build()
        {
            var rig = new StoreRig(segments: 4, segmentSize: 512);
            var transport = new CountingTransport();
            var racp = new RacpControlPoint(rig.Store, transport);
            byte[] all = [0x01, 0x01];
            byte[] payload = StoreRig.Payload(5);
            void Cycle()
            {
                for (int i = 0; i < 50; i++)
                {
                    int sequence = rig.Store.Append(RecordType.SpotCheck, payload, 0, payload.Length);
                    if (i % 10 == 0)
                    {
                        rig.Store.AppendDeviceEvent(DeviceEventCode.SensorFault, i);
                        rig.Store.MarkDelivered(sequence);
                    }
                }

                racp.Write(all, 0, all.Length, true, true);
                for (int guard = 0; guard < 10_000 && racp.InProgress; guard++)
                {
                    racp.Poll();
                    racp.OnRecordConfirmed();
                    racp.OnResponseConfirmed();
                }
            }

            Cycle();
            return (rig, transport, Cycle);
        }

        long allocated = Allocation.Of(Build, s =>
        {
            for (int n = 0; n < 100; n++)
            {
                s.Cycle();
            }
        }, out var measured);

        Assert.Equal(0, allocated);
        Assert.True(measured.Rig.Store.Rotations > 50, "the loop must have exercised segment rotation");
        Assert.True(measured.Transport.Records > 1000);
    }
}
