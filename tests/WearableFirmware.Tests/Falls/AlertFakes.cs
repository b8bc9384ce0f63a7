using WearableFirmware.Application;
using WearableFirmware.Falls;

namespace WearableFirmware.Tests.Falls;

/// <summary>Alarm output that counts starts and stops.</summary>
internal sealed class RecordingAlarm : IAlarmOutput
{
    public int Starts { get; private set; }

    public int Stops { get; private set; }

    public bool Sounding => Starts > Stops;

    public void Start() => Starts++;

    public void Stop() => Stops++;
}

/// <summary>Phone link that keeps a copy of every alert it accepted.</summary>
internal sealed class RecordingPhone : IFallAlertLink
{
    public bool IsConnected { get; set; }

    public bool Accepts { get; set; } = true;

    public List<FallAlertEvent> Sent { get; } = new();

    public bool Send(FallAlertEvent alert)
    {
        if (!Accepts)
        {
            return false;
        }

        var copy = new FallAlertEvent();
        copy.CopyFrom(alert);
        Sent.Add(copy);
        return true;
    }
}

/// <summary>Event sink that keeps a copy of every recorded outcome.</summary>
internal sealed class RecordingSink : IFallEventSink
{
    public List<FallAlertEvent> All { get; } = new();

    public void Record(FallAlertEvent alert)
    {
        var copy = new FallAlertEvent();
        copy.CopyFrom(alert);
        All.Add(copy);
    }
}

/// <summary>A button nobody presses.</summary>
internal sealed class IdleButton : IButtonInput
{
    public ButtonPress TakePress() => ButtonPress.None;
}

/// <summary>A watchdog that is only fed.</summary>
internal sealed class FedWatchdog : WearableFirmware.Sampling.IWatchdog
{
    public long Feeds { get; private set; }

    public void Feed() => Feeds++;
}
