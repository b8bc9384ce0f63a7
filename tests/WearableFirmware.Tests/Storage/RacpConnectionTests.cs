using WearableFirmware.Application;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Ble;
using WearableFirmware.SimulatedBoard.Storage;
using WearableFirmware.Storage;
using Xunit;

namespace WearableFirmware.Tests.Storage;

/// <summary>
/// Record access on the assembled firmware with two bonded phones (issue 18 items 4 and 5): a RACP procedure belongs
/// to the connection that started it, and spot-checks a connected phone confirmed live count as delivered.
/// </summary>
public class RacpConnectionTests
{
    private const int Stored = 50;

    private static SimulatedWearable BoardWithStoredRecords(ApplicationSettings? settings = null, SimulatedFlash? flash = null)
    {
        var board = new SimulatedWearable(new WearerScenario(seed: 5).Sit(900), settings, flash);
        Assert.True(board.Boot());
        board.RunUntil(1);
        for (int i = 0; i < Stored; i++)
        {
            Assert.True(board.App.Store.AppendSpotCheck(950 + i % 40, 700 + i, 0, 0, 250) > 0);
        }

        board.RunTicks(1);
        return board;
    }

    private static SimulatedPhone Phone(SimulatedWearable board, byte last)
    {
        var phone = board.NewPhone("phone " + last, [0x5A, 0x3E, 0x10, 0x22, 0x07, last]);
        phone.StartHealthSession(new BleLink(board.Server, board.Clock, null));
        return phone;
    }

    private static List<byte[]> StoredRecordsReceived(SimulatedPhone phone, int from = 0)
    {
        ushort handle = phone.Find("2a5e").ValueHandle;
        return phone.Received.Skip(from).Where(r => r.Handle == handle && (r.Value[6] & 0x02) != 0).Select(r => r.Value).ToList(); // status bit 9: from storage
    }

    private static byte[]? LastRacpResponse(SimulatedPhone phone)
    {
        ushort handle = phone.Find("2a52").ValueHandle;
        return phone.Received.LastOrDefault(r => r.Handle == handle).Value;
    }

    /// <summary>Runs A's report, confirming one indication per tick, with <paramref name="atThird"/> done after its third record.</summary>
    private static void RunReport(SimulatedWearable board, SimulatedPhone a, Action atThird)
    {
        a.AutoConfirm = false;
        Assert.Equal(0, a.Write("2a52", [0x01, 0x01]));
        bool done = false;
        for (int tick = 0; tick < 2000 && board.App.RecordAccess.ProcedureInProgress; tick++)
        {
            board.RunTicks(1);
            if (!done && StoredRecordsReceived(a).Count >= 3)
            {
                done = true;
                atThird();
            }

            while (a.IsConnected && a.UnconfirmedIndications > 0)
            {
                a.ConfirmIndication();
            }
        }

        Assert.True(done);
    }

    [Fact]
    public void Another_phone_disconnecting_does_not_end_a_report()
    {
        SimulatedWearable board = BoardWithStoredRecords();
        SimulatedPhone a = Phone(board, 0xA1), b = Phone(board, 0xB2);
        RunReport(board, a, b.Disconnect);
        Assert.Equal(Stored, StoredRecordsReceived(a).Count);
        Assert.Equal(new byte[] { 0x06, 0x00, 0x01, 0x01 }, LastRacpResponse(a)); // Report Stored Records: Success
        Assert.Equal(Stored, board.App.Store.Count(1, int.MaxValue, RecordType.SpotCheck) - board.App.Store.CountUndelivered(RecordType.SpotCheck));
    }

    [Fact]
    public void Another_phone_can_neither_abort_nor_start_a_procedure_while_one_runs_and_gets_none_of_its_records()
    {
        SimulatedWearable board = BoardWithStoredRecords();
        SimulatedPhone a = Phone(board, 0xA1), b = Phone(board, 0xB2);
        int bBefore = b.Received.Count;
        byte abort = 0, report = 0;
        RunReport(board, a, () =>
        {
            abort = b.Write("2a52", [0x03, 0x00]);
            report = b.Write("2a52", [0x01, 0x01]);
        });
        Assert.Equal(0xFE, abort);   // ATT Procedure Already In Progress: not B's procedure
        Assert.Equal(0xFE, report);
        Assert.Equal(Stored, StoredRecordsReceived(a).Count);
        Assert.Equal(new byte[] { 0x06, 0x00, 0x01, 0x01 }, LastRacpResponse(a));
        Assert.Empty(StoredRecordsReceived(b, bBefore));
        Assert.Null(b.Received.Skip(bBefore).Select(r => r.Value).FirstOrDefault(v => b.Find("2a52").ValueHandle != 0 && v.Length == 4 && v[0] == 0x06));
    }

    [Fact]
    public void The_owner_aborting_or_leaving_ends_its_procedure_and_the_other_phone_may_start_one()
    {
        SimulatedWearable board = BoardWithStoredRecords();
        SimulatedPhone a = Phone(board, 0xA1), b = Phone(board, 0xB2);
        RunReport(board, a, () => Assert.Equal(0, a.Write("2a52", [0x03, 0x00])));
        Assert.Equal(new byte[] { 0x06, 0x00, 0x03, 0x01 }, LastRacpResponse(a)); // Abort: Success
        Assert.InRange(StoredRecordsReceived(a).Count, 3, 4);

        SimulatedPhone c = Phone(board, 0xC3);
        RunReport(board, c, c.Disconnect);
        Assert.False(board.App.RecordAccess.ProcedureInProgress);
        Assert.Equal(0, b.Write("2a52", [0x04, 0x01])); // Report Number of Stored Records: B's own procedure now
        board.RunTicks(2);
        Assert.Equal(new byte[] { 0x05, 0x00, Stored, 0x00 }, LastRacpResponse(b));
    }

    [Fact]
    public void Spot_checks_confirmed_live_by_a_connected_phone_count_as_delivered_so_the_store_never_drops_them()
    {
        // A flash of 24 records and a spot-check every 20 s: 45 readings in 15 minutes would overflow it 2 times.
        var settings = new ApplicationSettings { SpotCheckIntervalSeconds = 20 };
        var board = new SimulatedWearable(new WearerScenario(seed: 5).Sit(900), settings, new SimulatedFlash(4, 256, 5));
        Assert.True(board.Boot());
        SimulatedPhone phone = Phone(board, 0xA1);
        ushort spotCheck = phone.Find("2a5e").ValueHandle;
        board.RunUntil(900);
        int stored = board.App.SpotChecks.Stored;
        var live = phone.Received.Where(r => r.Handle == spotCheck).ToList();
        Assert.InRange(stored, 40, 45);
        Assert.Equal(stored, live.Count);
        Assert.All(live, r => Assert.Equal(0, r.Value[6] & 0x02)); // not "from storage": a live measurement
        Assert.Equal(stored, board.App.RecordAccess.LiveDelivered);
        Assert.Equal(0, board.App.Store.DroppedRecords);
        Assert.Equal(0, board.App.Store.CountUndelivered(RecordType.SpotCheck));
    }

    [Fact]
    public void A_live_spot_check_nobody_confirmed_stays_undelivered_for_racp()
    {
        var settings = new ApplicationSettings { SpotCheckIntervalSeconds = 20 };
        var board = new SimulatedWearable(new WearerScenario(seed: 5).Sit(200), settings);
        Assert.True(board.Boot());
        SimulatedPhone phone = Phone(board, 0xA1);
        phone.AutoConfirm = false;
        board.RunUntil(30);
        Assert.Equal(1, phone.UnconfirmedIndications); // the first spot-check, indicated live, never confirmed
        phone.Disconnect();
        board.RunUntil(100);
        Assert.Equal(board.App.SpotChecks.Stored, board.App.Store.CountUndelivered(RecordType.SpotCheck));
        Assert.Equal(0, board.App.RecordAccess.LiveDelivered);
    }
}
