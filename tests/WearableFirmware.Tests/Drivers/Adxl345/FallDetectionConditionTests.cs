using WearableFirmware.Ble;
using WearableFirmware.Drivers;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Ble;
using Xunit;
using Xunit.Abstractions;

namespace WearableFirmware.Tests.Drivers.Adxl345;

/// <summary>
/// Issue 18 item 7 on the assembled firmware (run --scenario fall --nack 30 --seed 3): while the accelerometer is not
/// healthy, the phone sees it every second, on PLX (Equipment Malfunction Detected) and on the fall alert service
/// (Fall Detection Status: unavailable), and the samples lost are counted.
/// </summary>
public class FallDetectionConditionTests(ITestOutputHelper output)
{
    [Fact]
    public void A_degraded_accelerometer_is_reported_on_plx_and_the_fall_alert_service_for_as_long_as_it_lasts()
    {
        var board = new SimulatedWearable(WearerScenario.FallNotCancelled(3));
        board.PpgBus.NackProbability = 0.3;
        board.MotionBus.NackProbability = 0.3;
        board.Boot(); // with 30 % NACKs a sensor may not start at once; the driver keeps retrying
        var phone = board.NewPhone("phone", [0x5A, 0x3E, 0x10, 0x22, 0x07, 0x91]);
        phone.StartHealthSession(new BleLink(board.Server, board.Clock, null));
        ushort continuous = phone.Find("2a5f").ValueHandle;
        ushort detection = phone.Find(FallAlertService.DetectionStatusUuid).ValueHandle;

        int seconds = 0, degradedSeconds = 0, reported = 0, mismatched = 0;
        for (int s = 1; s <= 95; s++)
        {
            int before = phone.Received.Count;
            board.RunUntil(s);
            bool degraded = board.App.Accelerometer.Health.State != HealthState.Ok;
            var plx = phone.Received.Skip(before).LastOrDefault(r => r.Handle == continuous).Value;
            if (plx == null)
            {
                continue;
            }

            seconds++;
            degradedSeconds += degraded ? 1 : 0;
            bool malfunction = (plx[7] & 0x02) != 0; // Device and Sensor Status bit 1 (after flags, 2 SFLOATs, status)
            reported += malfunction ? 1 : 0;
            mismatched += malfunction != board.App.Profile.FallAlert.DetectionIsUnavailable ? 1 : 0;
        }

        var notified = phone.Received.Where(r => r.Handle == detection).Select(r => r.Value[0]).ToList();
        output.WriteLine($"{seconds} s published: accelerometer degraded in {degradedSeconds}, PLX equipment malfunction in {reported}, "
            + $"Fall Detection Status notified {notified.Count} times; samples lost {board.App.Accelerometer.Health.SamplesLost}, "
            + $"re-initialisations {board.App.Accelerometer.Health.Recoveries}");
        Assert.True(seconds >= 90);
        Assert.True(reported >= degradedSeconds - 2 && reported > seconds / 2, $"malfunction reported in {reported} s of {degradedSeconds} degraded");
        Assert.Equal(0, mismatched); // PLX and the fall alert service say the same thing
        Assert.NotEmpty(notified);
        Assert.Equal(FallAlertService.DetectionUnavailable, notified[0]);
        Assert.True(board.App.Accelerometer.Health.SamplesLost > 0);
    }
}
