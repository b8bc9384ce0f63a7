using System;

namespace WearableFirmware.Drivers.Adxl345
{
    /// <summary>Axis participation, in the bit order of TAP_AXES and of each half of ACT_INACT_CTL (X highest).</summary>
    [Flags]
    public enum Axes : byte
    {
        None = 0,
        Z = 0x1,
        Y = 0x2,
        X = 0x4,
        All = 0x7,
    }
}
