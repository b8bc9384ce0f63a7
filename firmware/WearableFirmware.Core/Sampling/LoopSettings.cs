using System;

namespace WearableFirmware.Sampling
{
    /// <summary>Timing contract of the sampling loop, validated once at construction.</summary>
    public sealed class LoopSettings
    {
        /// <summary>
        /// Tick period. 100 ms = 10 MAX30102 samples at 100 sps and 5 ADXL345 samples at 50 Hz per tick: under a third
        /// of the MAX30102's FIFO (32 samples = 320 ms) and a sixth of the ADXL345's (33 = 660 ms), so a tick can be
        /// more than 200 ms late before a sample is lost; a whole second is 10 ticks, so the once-a-second readings
        /// fall on ticks. Each tick's fixed work (phases, tasks, the drivers' status reads) is paid 10 times a second
        /// instead of 25 at 40 ms (about 25,000 IL instructions per second of data less on the default run), and the
        /// CPU wakes less often.
        /// </summary>
        public int PeriodMicroseconds = 100000;

        /// <summary>Work allowed per tick before it counts as an overrun (the rest is slack for BLE and the GC).</summary>
        public int TickBudgetMicroseconds = 50000;

        /// <summary>
        /// Budget for the acquire phase (I2C bursts at 400 kHz: about 1.7 ms for the MAX30102's 10 samples and 1.2 ms
        /// for the ADXL345's 5, hardware-notes/sensors.md).
        /// </summary>
        public int AcquireBudgetMicroseconds = 12500;

        /// <summary>Budget for the process phase.</summary>
        public int ProcessBudgetMicroseconds = 25000;

        /// <summary>Budget for the publish phase.</summary>
        public int PublishBudgetMicroseconds = 12500;

        /// <summary>Throws with a clear message when the numbers cannot work together.</summary>
        public void Validate()
        {
            if (PeriodMicroseconds < 1000 || PeriodMicroseconds > 1000000)
            {
                throw new ArgumentException("PeriodMicroseconds must be from 1 ms to 1 s");
            }

            if (TickBudgetMicroseconds <= 0 || TickBudgetMicroseconds > PeriodMicroseconds)
            {
                throw new ArgumentException("TickBudgetMicroseconds must be positive and at most the period");
            }

            if (AcquireBudgetMicroseconds <= 0 || ProcessBudgetMicroseconds <= 0 || PublishBudgetMicroseconds <= 0)
            {
                throw new ArgumentException("phase budgets must be positive");
            }

            if (AcquireBudgetMicroseconds + ProcessBudgetMicroseconds + PublishBudgetMicroseconds > TickBudgetMicroseconds)
            {
                throw new ArgumentException("phase budgets add up to more than the tick budget");
            }
        }
    }
}
