using System;

namespace WearableFirmware.Drivers.Adxl345
{
    /// <summary>
    /// Everything the driver writes to the chip, in physical units. Defaults are the wearable's configuration
    /// (hardware-notes/sensors.md (ADXL345) explains each choice). Physical values are rounded to the nearest register
    /// step; <see cref="Validate"/> (also run by the driver) rejects anything the registers cannot hold.
    /// </summary>
    public sealed class Adxl345Settings
    {
        /// <summary>62.5 mg per LSB of THRESH_TAP, THRESH_ACT, THRESH_INACT and THRESH_FF, as microg.</summary>
        public const int ThresholdMicroGPerLsb = 62500;

        /// <summary>Free-fall time step (TIME_FF).</summary>
        public const int FreeFallTimeMillisecondsPerLsb = 5;

        /// <summary>Tap duration step (DUR).</summary>
        public const int TapDurationMicrosecondsPerLsb = 625;

        /// <summary>Tap latency and window step (Latent, Window).</summary>
        public const int TapLatencyMicrosecondsPerLsb = 1250;

        /// <summary>Fastest rate the driver accepts: at 400 kHz I2C a FIFO entry costs ~0.2 ms, so 1600/3200 Hz cannot be drained.</summary>
        public const OutputDataRate FastestDrainableRate = OutputDataRate.Hz800;

        /// <summary>
        /// The wearable's rate, 50 Hz: the fall detector was tuned on data through this rate (the chip low-passes at
        /// half of it, 25 Hz, above the body-motion band); FIFO slack doubles to 660 ms and the chip draws less than at
        /// 100 Hz. hardware-notes/sensors.md (ADXL345) explains the choice, including what it means for the double tap.
        /// </summary>
        public const OutputDataRate WearableDataRate = OutputDataRate.Hz50;

        public OutputDataRate DataRate { get; set; } = WearableDataRate;

        /// <summary>BW_RATE LOW_POWER: less current, more noise; valid only from 12.5 Hz to 400 Hz.</summary>
        public bool LowPower { get; set; }

        public GravityRange Range { get; set; } = GravityRange.PlusMinus16G;

        /// <summary>DATA_FORMAT FULL_RES: 1/256 g per count at every range (otherwise 10 bits across the range).</summary>
        public bool FullResolution { get; set; } = true;

        /// <summary>DATA_FORMAT INT_INVERT: interrupt pins active low.</summary>
        public bool InterruptActiveLow { get; set; }

        public FifoMode FifoMode { get; set; } = FifoMode.Stream;

        /// <summary>FIFO_CTL samples bits: entries at which the watermark interrupt fires (1..31).</summary>
        public int WatermarkSamples { get; set; } = 16;

        /// <summary>Axis offsets added by the chip, in OFSx steps of 15.6 mg (-128..127).</summary>
        public int OffsetX { get; set; }

        public int OffsetY { get; set; }

        public int OffsetZ { get; set; }

        /// <summary>Free fall: every axis below this (mg) ...</summary>
        public int FreeFallThresholdMg { get; set; } = 500;

        /// <summary>... for at least this long (ms, 5 ms steps).</summary>
        public int FreeFallTimeMs { get; set; } = 30;

        /// <summary>Activity: a participating axis above this (mg).</summary>
        public int ActivityThresholdMg { get; set; } = 2000;

        public Axes ActivityAxes { get; set; } = Axes.All;

        /// <summary>Compare against the acceleration at the start of detection instead of zero.</summary>
        public bool ActivityAcCoupled { get; set; }

        /// <summary>Inactivity: participating axes below this (mg) ...</summary>
        public int InactivityThresholdMg { get; set; } = 188;

        /// <summary>... for this many seconds (0..255).</summary>
        public int InactivityTimeSeconds { get; set; } = 2;

        public Axes InactivityAxes { get; set; } = Axes.All;

        /// <summary>AC coupling makes inactivity independent of the orientation the wearer lies in.</summary>
        public bool InactivityAcCoupled { get; set; } = true;

        /// <summary>Tap: above this (mg) ...</summary>
        public int TapThresholdMg { get; set; } = 3000;

        /// <summary>... for less than this (us, 625 us steps).</summary>
        public int TapDurationMicroseconds { get; set; } = 20000;

        /// <summary>Double tap: wait after the first tap (us, 1.25 ms steps) ...</summary>
        public int TapLatencyMicroseconds { get; set; } = 80000;

        /// <summary>... then accept the second tap within this window (us, 1.25 ms steps).</summary>
        public int TapWindowMicroseconds { get; set; } = 300000;

        public Axes TapAxes { get; set; } = Axes.All;

        /// <summary>TAP_AXES Suppress: any spike above the tap threshold during the latency voids the double tap.</summary>
        public bool SuppressDoubleTapOnLatencySpike { get; set; }

        /// <summary>INT_ENABLE. Motion events latch until INT_SOURCE is read, which the driver does every drain.</summary>
        public InterruptSource EnabledInterrupts { get; set; } =
            InterruptSource.Watermark | InterruptSource.Overrun | InterruptSource.FreeFall | InterruptSource.Activity
            | InterruptSource.Inactivity | InterruptSource.SingleTap | InterruptSource.DoubleTap;

        /// <summary>INT_MAP: sources routed to INT2; the rest go to INT1.</summary>
        public InterruptSource Int2Interrupts { get; set; } =
            InterruptSource.FreeFall | InterruptSource.Activity | InterruptSource.Inactivity | InterruptSource.DoubleTap;

        /// <summary>Exact sample period in nanoseconds: 2^(15 - code) / 3200 s.</summary>
        public static long RatePeriodNanoseconds(OutputDataRate rate)
        {
            return (1000000000L << (15 - (int)rate)) / 3200;
        }

        public byte BwRateValue()
        {
            ValidateRate();
            return (byte)((LowPower ? 0x10 : 0) | (int)DataRate);
        }

        public byte DataFormatValue()
        {
            if ((int)Range > 3)
            {
                throw new ArgumentOutOfRangeException("Range", "Range must be a GravityRange value (+-2, 4, 8 or 16 g)");
            }

            // Right-justified, self test off, 4-wire SPI bit irrelevant on I2C.
            return (byte)((InterruptActiveLow ? 0x20 : 0) | (FullResolution ? 0x08 : 0) | (int)Range);
        }

        public byte FifoControlValue()
        {
            if ((int)FifoMode > 3)
            {
                throw new ArgumentOutOfRangeException("FifoMode", "FifoMode must be Bypass, Fifo, Stream or Trigger");
            }

            int min = FifoMode == FifoMode.Bypass ? 0 : 1;
            CheckRange(WatermarkSamples, min, 31, "WatermarkSamples", " samples (5-bit FIFO_CTL samples field)");
            return (byte)(((int)FifoMode << 6) | WatermarkSamples);
        }

        public byte OffsetValue(int offset, string name)
        {
            CheckRange(offset, -128, 127, name, " steps of 15.6 mg (two's complement byte)");
            return (byte)(offset & 0xFF);
        }

        public byte FreeFallThresholdValue() => ThresholdSteps(FreeFallThresholdMg, "FreeFallThresholdMg");

        public byte FreeFallTimeValue()
        {
            return Steps(FreeFallTimeMs, 1, FreeFallTimeMillisecondsPerLsb, "FreeFallTimeMs", " ms (5 ms steps, TIME_FF 1..255)", 1);
        }

        public byte ActivityThresholdValue() => ThresholdSteps(ActivityThresholdMg, "ActivityThresholdMg");

        public byte InactivityThresholdValue() => ThresholdSteps(InactivityThresholdMg, "InactivityThresholdMg");

        public byte InactivityTimeValue()
        {
            CheckRange(InactivityTimeSeconds, 0, 255, "InactivityTimeSeconds", " s (TIME_INACT, 1 s steps)");
            return (byte)InactivityTimeSeconds;
        }

        public byte ActInactControlValue()
        {
            CheckAxes(ActivityAxes, "ActivityAxes");
            CheckAxes(InactivityAxes, "InactivityAxes");
            return (byte)((ActivityAcCoupled ? 0x80 : 0) | ((int)ActivityAxes << 4) | (InactivityAcCoupled ? 0x08 : 0)
                | (int)InactivityAxes);
        }

        public byte TapThresholdValue() => ThresholdSteps(TapThresholdMg, "TapThresholdMg");

        public byte TapDurationValue()
        {
            return Steps(TapDurationMicroseconds, 1, TapDurationMicrosecondsPerLsb, "TapDurationMicroseconds",
                " us (625 us steps, DUR 1..255)", 1);
        }

        public byte TapLatencyValue()
        {
            return Steps(TapLatencyMicroseconds, 1, TapLatencyMicrosecondsPerLsb, "TapLatencyMicroseconds",
                " us (1.25 ms steps, Latent 1..255)", 1);
        }

        public byte TapWindowValue()
        {
            return Steps(TapWindowMicroseconds, 1, TapLatencyMicrosecondsPerLsb, "TapWindowMicroseconds",
                " us (1.25 ms steps, Window 1..255)", 1);
        }

        public byte TapAxesValue()
        {
            CheckAxes(TapAxes, "TapAxes");
            return (byte)((SuppressDoubleTapOnLatencySpike ? 0x08 : 0) | (int)TapAxes);
        }

        /// <summary>Measure bit only: no link, no auto-sleep, no sleep.</summary>
        public byte PowerControlValue() => 0x08;

        public byte InterruptEnableValue() => (byte)EnabledInterrupts;

        public byte InterruptMapValue() => (byte)Int2Interrupts;

        /// <summary>Checks every field and the combinations the datasheet forbids; throws naming the field and its range.</summary>
        public void Validate()
        {
            BwRateValue();
            DataFormatValue();
            FifoControlValue();
            OffsetValue(OffsetX, "OffsetX");
            OffsetValue(OffsetY, "OffsetY");
            OffsetValue(OffsetZ, "OffsetZ");
            InactivityTimeValue();
            ActInactControlValue();
            TapAxesValue();

            InterruptSource enabled = EnabledInterrupts;
            if ((enabled & InterruptSource.FreeFall) != 0)
            {
                // The datasheet warns that zero threshold or time gives spurious free-fall events.
                FreeFallThresholdValue();
                FreeFallTimeValue();
            }

            if ((enabled & InterruptSource.Activity) != 0)
            {
                ActivityThresholdValue();
                RequireAxes(ActivityAxes, "ActivityAxes", "activity");
            }

            if ((enabled & InterruptSource.Inactivity) != 0)
            {
                InactivityThresholdValue();
                RequireAxes(InactivityAxes, "InactivityAxes", "inactivity");
            }

            if ((enabled & (InterruptSource.SingleTap | InterruptSource.DoubleTap)) != 0)
            {
                TapThresholdValue();
                TapDurationValue();
                RequireAxes(TapAxes, "TapAxes", "tap");
            }

            if ((enabled & InterruptSource.DoubleTap) != 0)
            {
                // Double tap needs both Latent and Window nonzero.
                TapLatencyValue();
                TapWindowValue();
            }
        }

        private void ValidateRate()
        {
            if ((int)DataRate > 15)
            {
                throw new ArgumentOutOfRangeException("DataRate", "DataRate must be an OutputDataRate code 0x0..0xF");
            }

            if (LowPower && (DataRate < OutputDataRate.Hz12_5 || DataRate > OutputDataRate.Hz400))
            {
                throw new ArgumentOutOfRangeException("LowPower",
                    "low-power mode is valid only from 12.5 Hz to 400 Hz (BW_RATE codes 0x7..0xC); got code "
                    + ((int)DataRate).ToString());
            }
        }

        private static byte ThresholdSteps(int milliG, string name)
        {
            // mg / 62.5 = mg * 2 / 125, rounded to nearest.
            return Steps(milliG, 2, 125, name, " mg (62.5 mg steps, register 1..255: 32..15968 mg)", 1);
        }

        private static byte Steps(int value, int numerator, int denominator, string name, string rangeText, int minSteps)
        {
            if (value < 0 || value > 100000000)
            {
                throw new ArgumentOutOfRangeException(name, string.Concat(name, " = ", value.ToString(), " is outside" + rangeText));
            }

            int steps = (int)(((long)value * numerator + denominator / 2) / denominator);
            if (steps < minSteps || steps > 255)
            {
                throw new ArgumentOutOfRangeException(name, string.Concat(name, " = ", value.ToString(), " is outside" + rangeText));
            }

            return (byte)steps;
        }

        private static void CheckRange(int value, int min, int max, string name, string unit)
        {
            if (value < min || value > max)
            {
                throw new ArgumentOutOfRangeException(name, string.Concat(name, " = ", value.ToString(),
                    string.Concat(" is outside ", min.ToString(), "..", max.ToString()) + unit));
            }
        }

        private static void CheckAxes(Axes axes, string name)
        {
            if (((int)axes & ~0x7) != 0)
            {
                throw new ArgumentOutOfRangeException(name, name + " may only combine X, Y and Z");
            }
        }

        private static void RequireAxes(Axes axes, string name, string function)
        {
            if (axes == Axes.None)
            {
                throw new ArgumentOutOfRangeException(name, string.Concat(name, " is None but the ", function, " interrupt is enabled"));
            }
        }
    }
}
