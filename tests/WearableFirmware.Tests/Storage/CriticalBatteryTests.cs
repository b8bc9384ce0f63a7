using WearableFirmware.SimulatedBoard;
using WearableFirmware.Storage;
using Xunit;
using Xunit.Abstractions;

namespace WearableFirmware.Tests.Storage;

/// <summary>
/// Issue 18 item 8: the simulated cell runs down to its protection cut-off, and the firmware takes the device's
/// critical-battery path on the simulated board: the reason recorded, sampling stopped, deep sleep at the sleep
/// current (the cell then lasts days), and a wake that boots again over the same flash.
/// </summary>
public class CriticalBatteryTests(ITestOutputHelper output)
{
    [Fact]
    public void The_cell_follows_its_curve_down_to_the_cut_off()
    {
        var clock = new VirtualClock();
        var cell = new SimulatedBattery(clock, 500, 100) { ActiveMilliamps = 50 };
        Assert.Equal(4200, cell.ReadMillivolts());
        clock.Advance(5L * 3600 * 1_000_000); // 250 mAh: half
        Assert.Equal(3840, cell.ReadMillivolts());
        clock.Advance(5L * 3600 * 1_000_000);
        Assert.Equal(SimulatedBattery.CutOffMillivolts, cell.ReadMillivolts());
        Assert.True(cell.CutOff);
        cell.Charging = true; // 250 mA for an hour: half again
        clock.Advance(3600L * 1_000_000);
        Assert.False(cell.CutOff);
        Assert.Equal(3840, cell.ReadMillivolts());
    }

    [Fact]
    public void A_critical_battery_puts_the_firmware_to_deep_sleep_until_the_cut_off_and_the_charger_wakes_it()
    {
        // 5 % of 500 mAh left, drawn at 100 mA so the run is short: the gauge reads critical (3 %) within minutes.
        var cell = new SimulatedBattery(new VirtualClock(), 500, 5) { ActiveMilliamps = 100 };
        var board = new SimulatedWearable(new WearerScenario(seed: 4).Sit(3600), battery: cell);
        Assert.True(board.Boot());
        int seconds = 0;
        while (!board.Asleep && !board.PoweredOff && seconds < 1800)
        {
            seconds += 10;
            board.RunUntil(seconds);
        }

        output.WriteLine($"asleep after {seconds} s at {cell.ReadMillivolts()} mV ({cell.ChargeMah:F1} mAh left), gauge {board.App.Battery.LevelPercent} %");
        Assert.True(board.Asleep, "the firmware must go to deep sleep before the cut-off");
        Assert.InRange(board.App.Battery.LevelPercent, 0, 3);
        var record = new StoredRecord();
        int sleep = board.App.Store.FindLast(1, int.MaxValue, RecordType.DeviceEvent);
        Assert.True(board.App.Store.TryRead(sleep, record));
        Assert.Equal((byte)DeviceEventCode.DeepSleep, record.Payload[0]);
        Assert.Equal(board.App.Battery.AverageMillivolts, (int)RecordLayout.ReadUInt32(record.Payload, 1)); // the millivolts it slept at

        // Asleep nothing runs; at 0.1 mA the last mAh last days, not the weeks the firmware used to run on at "0 %".
        long ticks = board.App.Loop.Statistics.Ticks;
        double left = cell.ChargeMah;
        board.RunUntil(seconds + 3 * 86400.0);
        Assert.Equal(ticks, board.App.Loop.Statistics.Ticks);
        Assert.False(board.PoweredOff);
        Assert.Equal(left - 0.1 * 72, cell.ChargeMah, 3);
        board.RunUntil(seconds + 28 * 86400.0);
        Assert.True(board.PoweredOff && cell.CutOff);
        output.WriteLine($"cut-off after {left / 0.1 / 24:F1} days asleep");

        // Plugged in: the charger wakes it; the new boot sees the same store and stays awake.
        cell.Charging = true;
        int next = board.App.Store.NextSequence;
        SimulatedWearable woken = board.Wake();
        Assert.True(woken.Boot());
        woken.RunUntil(120);
        Assert.False(woken.Asleep || woken.PoweredOff);
        Assert.True(woken.App.Store.NextSequence > next);
        Assert.True(woken.App.Store.TryRead(sleep, record));
    }

    [Fact]
    public void Woken_on_a_still_critical_cell_it_goes_straight_back_to_sleep()
    {
        var cell = new SimulatedBattery(new VirtualClock(), 500, 5) { ActiveMilliamps = 100 };
        var board = new SimulatedWearable(new WearerScenario(seed: 4).Sit(3600), battery: cell);
        Assert.True(board.Boot());
        for (int s = 10; !board.Asleep && s < 1800; s += 10)
        {
            board.RunUntil(s);
        }

        board.RunUntil(board.Clock.NowMicroseconds / 1e6 + 3600);
        SimulatedWearable woken = board.Wake(); // the button, without a charger
        Assert.True(woken.Boot());
        woken.RunUntil(5);
        Assert.True(woken.Asleep);
    }
}
