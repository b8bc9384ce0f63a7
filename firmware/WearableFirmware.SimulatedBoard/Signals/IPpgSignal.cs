namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>
/// What the MAX30102 model's photodiode sees, pulled by the model at every ADC conversion. Values are optical
/// transfer in nA of photocurrent per mA of LED drive, so the model applies the configured LED currents, ADC range,
/// resolution and 18-bit saturation itself; ambient light is a separate photocurrent the chip's ambient light
/// cancellation removes up to its limit. Times never decrease between calls.
/// </summary>
public interface IPpgSignal
{
    void Sample(long timeMicroseconds, out float redNanoampsPerMilliamp, out float irNanoampsPerMilliamp, out float ambientNanoamps);
}
