using WearableFirmware.Application;

namespace WearableFirmware.SimulatedBoard;

/// <summary>Button presses scheduled at simulated times, taken by the loop like the device's debounced GPIO queue.</summary>
public sealed class ScriptedButton(VirtualClock clock) : IButtonInput
{
    private readonly SortedList<long, ButtonPress> _presses = new();

    public void PressAt(double seconds, ButtonPress press) => _presses.Add((long)(seconds * 1_000_000), press);

    public ButtonPress TakePress()
    {
        // GetKeyAtIndex/GetValueAtIndex: the Keys/Values views allocate a wrapper on first use, inside a measured tick.
        if (_presses.Count == 0 || _presses.GetKeyAtIndex(0) > clock.NowMicroseconds)
        {
            return ButtonPress.None;
        }

        ButtonPress press = _presses.GetValueAtIndex(0);
        _presses.RemoveAt(0);
        return press;
    }
}
