using System;

namespace WearableFirmware.Drivers.Adxl345
{
    /// <summary>Bit layout shared by INT_ENABLE, INT_MAP and INT_SOURCE.</summary>
    [Flags]
    public enum InterruptSource : byte
    {
        None = 0,

        /// <summary>FIFO overflowed (stream/FIFO mode) or unread data was overwritten (bypass). Cleared by reading data.</summary>
        Overrun = 0x01,

        /// <summary>FIFO entries reached the FIFO_CTL samples level. Cleared when entries drop below it.</summary>
        Watermark = 0x02,

        /// <summary>All axes below THRESH_FF for longer than TIME_FF. Latched until INT_SOURCE is read.</summary>
        FreeFall = 0x04,

        /// <summary>Participating axes below THRESH_INACT for TIME_INACT. Latched.</summary>
        Inactivity = 0x08,

        /// <summary>A participating axis above THRESH_ACT. Latched.</summary>
        Activity = 0x10,

        /// <summary>Second tap inside the window after the latency. Latched.</summary>
        DoubleTap = 0x20,

        /// <summary>Above THRESH_TAP for less than DUR. Latched.</summary>
        SingleTap = 0x40,

        /// <summary>New data available. Cleared by reading data.</summary>
        DataReady = 0x80,
    }
}
