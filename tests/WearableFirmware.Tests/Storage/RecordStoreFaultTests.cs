using WearableFirmware.SimulatedBoard.Storage;
using WearableFirmware.Storage;
using Xunit;

namespace WearableFirmware.Tests.Storage;

/// <summary>
/// The fault sequences of issue 18 replayed exactly: repeated power cuts in one rotation, writes that report failure
/// but land, and a cut during the erase. Each names what a phone would see: what is readable, what is counted.
/// </summary>
public class RecordStoreFaultTests
{
    // 4 segments x 8 slots: 6 records + 2 reserved per segment, so 24 records fill the ring and the 25th rotates.
    private const int Ring = 24;

    private static StoreRig FullRing(int seed = 1)
    {
        var rig = new StoreRig(4, 256, seed);
        for (int id = 1; id <= Ring; id++)
        {
            Assert.Equal(id + 2 * ((id - 1) / 6), rig.AppendSpotCheck(id));
        }

        return rig;
    }

    private static void AppendCut(StoreRig rig, int id, long bytes)
    {
        rig.Flash.CutPowerAfter(bytes);
        Assert.Throws<SimulatedPowerLossException>(() => rig.AppendSpotCheck(id));
        rig.Reboot();
    }

    /// <summary>Stored payloads of the first <see cref="Ring"/> ids still readable.</summary>
    private static int Readable(StoreRig rig)
    {
        int readable = 0;
        for (int id = 1; id <= Ring; id++)
        {
            byte[]? got = rig.Read(id + 2 * ((id - 1) / 6));
            if (got != null)
            {
                Assert.Equal(StoreRig.Payload(id), got);
                readable++;
            }
        }

        return readable;
    }

    [Fact]
    public void Three_power_cuts_in_one_rotation_count_every_record_they_lose()
    {
        // Issue 18 item 1: cuts after 10, 10 and 100 bytes of the 25th append. Before the fix: 20 readable, 0 counted.
        StoreRig rig = FullRing();
        AppendCut(rig, 100, 10);
        AppendCut(rig, 101, 10);
        AppendCut(rig, 102, 100);
        int readable = Readable(rig);
        Assert.Equal(Ring, readable + rig.Store.DroppedRecords);
        Assert.Equal(18, readable); // the oldest segment went, whole, and is counted
        Assert.Equal(6, rig.Store.DroppedRecords);
        int next = rig.AppendSpotCheck(103);
        Assert.Equal(StoreRig.Payload(103), rig.Read(next));
        Assert.Equal(6, rig.Store.DroppedRecords);
    }

    [Fact]
    public void Any_number_of_cuts_in_the_rotation_record_never_erase_uncounted()
    {
        for (int cuts = 1; cuts <= 6; cuts++)
        {
            for (int at = 0; at <= RecordLayout.BodySize; at += 3)
            {
                StoreRig rig = FullRing();
                for (int c = 0; c < cuts; c++)
                {
                    AppendCut(rig, 100 + c, at);
                }

                int readable = Readable(rig);
                Assert.True(readable + rig.Store.DroppedRecords == Ring, $"{cuts} cuts at byte {at}: {readable} readable, {rig.Store.DroppedRecords} counted");
                Assert.True(rig.AppendSpotCheck(200) > 0, $"{cuts} cuts at byte {at}: the store must keep accepting records");
                Assert.Equal(Ring, Readable(rig) + rig.Store.DroppedRecords);
            }
        }
    }

    [Fact]
    public void A_cut_during_the_erase_counts_exactly_what_is_gone_and_never_delivers_a_counted_record()
    {
        // Issue 18 item 3: one cut inside the erase left 23 of 24 readable with 6 counted. Every cut point of the erase.
        for (int erased = 0; erased < 256; erased += 8)
        {
            StoreRig rig = FullRing();
            AppendCut(rig, 100, RecordLayout.BodySize + erased);
            Assert.Equal(6, rig.Store.DroppedRecords);
            Assert.Equal(Ring - 6, Readable(rig)); // what was counted cannot be read (and so never reaches a phone)
            Assert.Equal(Ring - 6, rig.Store.Count(1, int.MaxValue, RecordType.SpotCheck));
            Assert.Equal(0, rig.Store.FindFirst(1, 6, RecordType.SpotCheck, false));
            Assert.False(rig.Store.MarkDelivered(2));
            rig.AppendSpotCheck(101);
            Assert.Equal(6, rig.Store.DroppedRecords);
            rig.Reboot();
            Assert.Equal(6, rig.Store.DroppedRecords);
        }
    }

    [Fact]
    public void A_write_that_fails_but_lands_is_stored_exactly_once()
    {
        // Issue 18 item 2, seed 12: the failed write landed whole and clearing its marker failed too.
        var rig = new StoreRig(seed: 12);
        Assert.Equal(1, rig.AppendSpotCheck(1));
        rig.Flash.FailNextWrites(2);
        int sequence = rig.AppendSpotCheck(2);
        Assert.True(sequence > 0);
        rig.Reboot();
        int copies = 0;
        for (int s = 1; s < rig.Store.NextSequence; s++)
        {
            byte[]? got = rig.Read(s);
            if (got != null && got.SequenceEqual(StoreRig.Payload(2)))
            {
                copies++;
                Assert.Equal(sequence, s);
            }
        }

        Assert.Equal(1, copies);
    }

    [Fact]
    public void A_refused_append_never_appears_later()
    {
        // Issue 18 item 2 with FailNextWrites(4): refused, yet sequence 2 held it after remount. Every seed's prefixes.
        for (int seed = 1; seed <= 60; seed++)
        {
            for (int failures = 1; failures <= 6; failures++)
            {
                var rig = new StoreRig(seed: seed);
                rig.AppendSpotCheck(1);
                rig.Flash.FailNextWrites(failures);
                int sequence = rig.AppendSpotCheck(2);
                rig.Flash.FailNextWrites(0);
                rig.Reboot();
                int copies = 0;
                for (int s = 2; s < rig.Store.NextSequence; s++)
                {
                    copies += rig.Read(s) != null ? 1 : 0;
                }

                Assert.True(copies == (sequence > 0 ? 1 : 0), $"seed {seed}, {failures} failed writes: append returned {sequence}, {copies} copies after reboot");
                if (sequence > 0)
                {
                    Assert.Equal(StoreRig.Payload(2), rig.Read(sequence));
                }
            }
        }
    }

    [Fact]
    public void A_mark_that_reports_failure_but_landed_counts_as_written()
    {
        for (int seed = 1; seed <= 20; seed++)
        {
            var rig = new StoreRig(seed: seed);
            int sequence = rig.AppendSpotCheck(1);
            rig.Flash.FailNextWrites(1);
            bool marked = rig.Store.MarkDelivered(sequence);
            rig.Flash.FailNextWrites(0);
            rig.Reboot();
            Assert.Equal(marked ? 0 : 1, rig.Store.CountUndelivered(RecordType.SpotCheck));
        }
    }
}
