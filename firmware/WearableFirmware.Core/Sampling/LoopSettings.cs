using System;

namespace WearableFirmware.Sampling
{
    /// <summary>Timing contract of the sampling loop, validated once at construction.</summary>
    public sealed class LoopSettings
    {
        /// <summary>
        /// Tick period. 40 ms = 4 MAX30102 samples at 100 sps and 2 ADXL345 samples at 50 Hz per tick: far below
        /// both FIFOs (32 samples = 320 ms, 33 = 660 ms) while keeping per-tick I2C bursts short (about 1.5 ms of
        /// bus time for both, hardware-notes/sensors.md).
        /// </summary>
        public int PeriodMicroseconds = 40000;

        /// <summary>Work allowed per tick before it counts as an overrun (the rest is slack for BLE and the GC).</summary>
        public int TickBudgetMicroseconds = 20000;

        /// <summary>Budget for the acquire phase (I2C bursts: about 1 ms per sensor at 400 kHz).</summary>
        public int AcquireBudgetMicroseconds = 5000;

        /// <summary>Budget for the process phase.</summary>
        public int ProcessBudgetMicroseconds = 10000;

        /// <summary>Budget for the publish phase.</summary>
        public int PublishBudgetMicroseconds = 5000;

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
