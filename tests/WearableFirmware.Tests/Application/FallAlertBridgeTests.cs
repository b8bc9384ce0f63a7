using WearableFirmware.Application;
using WearableFirmware.Ble;
using WearableFirmware.Motion;
using WearableFirmware.Storage;
using WearableFirmware.Tests.Motion;
using WearableFirmware.Tests.Storage;
using Xunit;

namespace WearableFirmware.Tests.Application;

/// <summary>The fall alert bridge between the state machine, the record store and the Fall Alert service.</summary>
public class FallAlertBridgeTests
{
    private const long Second = 1_000_000;

    private readonly StoreRig _rig = new(segments: 4, segmentSize: 512);

    private (FallAlertBridge Bridge, FallAlertStateMachine Alerts) Boot()
    {
        var alarm = new Motion.RecordingAlarm();
        var bridge = new FallAlertBridge(new FallAlertService(), _rig.Store, _rig.WallClock, alarm, _rig.Clock) { IsConnected = true };
        var alerts = new FallAlertStateMachine(new FallAlertSettings(), alarm, bridge, bridge);
        bridge.Attach(alerts);
        return (bridge, alerts);
    }

    [Fact]
    public void After_a_restart_new_alerts_are_numbered_after_the_latest_stored_id_even_across_the_wrap()
    {
        var (_, alerts) = Boot();
        alerts.ContinueNumberingAfter(65533);
        for (int i = 0; i < 3; i++)
        {
            alerts.OnManualEmergency((2 * i + 1) * Second); // ids 65534, 65535, then 1
            Assert.True(alerts.OnAcknowledged((2 * i + 2) * Second, alerts.OldestPending.Sequence));
        }

        _rig.Reboot();
        var (bridge, restarted) = Boot();
        Assert.Equal(0, bridge.RestorePending()); // all acknowledged

        restarted.OnManualEmergency(Second);

        // Id 1 is already in the store and on the phone; 65536 does not fit the 16-bit field.
        Assert.Equal(2, restarted.OldestPending.Sequence);
    }
}
