namespace WearableFirmware.Drivers.Adxl345.Samples
{
    /// <summary>
    /// The ADXL345 driver in a sampling loop: start the chip, drain its FIFO every 100 ms tick, print once a second.
    /// The bus and clock come in as parameters, so the same code runs on the device (<c>Program.cs</c>) and on the
    /// host against the simulated chip (a test runs it there, so this sample keeps compiling and working).
    /// </summary>
    public static class Adxl345Sample
    {
        /// <summary>Receives each printed line (Debug.WriteLine on the device).</summary>
        public delegate void PrintLine(string line);

        private const int TickMicroseconds = 100000;
        private const int TicksPerSecond = 10;

        /// <summary>Runs for <paramref name="seconds"/> and returns the samples read, or -1 when the chip did not start.</summary>
        public static int Run(IRegisterBus bus, IClock clock, int seconds, PrintLine print)
        {
            Adxl345 accelerometer = new Adxl345(bus, clock, new Adxl345Settings());
            if (!accelerometer.Start())
            {
                print("ADXL345 did not start: " + accelerometer.DescribeLastError());
                return -1;
            }

            int total = 0;
            int samplesThisSecond = 0;
            int lostThisSecond = 0;
            long xSum = 0;
            long ySum = 0;
            long zSum = 0;
            for (int tick = 1; tick <= seconds * TicksPerSecond; tick++)
            {
                // The drain and the loop over its samples allocate nothing: the driver owns the arrays.
                int count = accelerometer.Drain();
                int[] x = accelerometer.X;
                int[] y = accelerometer.Y;
                int[] z = accelerometer.Z;
                for (int i = 0; i < count; i++)
                {
                    xSum += x[i];
                    ySum += y[i];
                    zSum += z[i];
                }

                samplesThisSecond += count;
                lostThisSecond += accelerometer.SamplesLostThisDrain;
                if (tick % TicksPerSecond == 0)
                {
                    // Composing the line allocates: once a second, outside the per-sample path. Counts -> mg.
                    float mgPerCount = accelerometer.GPerCount * 1000f;
                    int divisor = samplesThisSecond > 0 ? samplesThisSecond : 1;
                    print(samplesThisSecond.ToString() + " samples, mean x " + ((int)(xSum / divisor * mgPerCount)).ToString()
                        + " y " + ((int)(ySum / divisor * mgPerCount)).ToString() + " z " + ((int)(zSum / divisor * mgPerCount)).ToString()
                        + " mg, " + lostThisSecond.ToString() + " lost, " + accelerometer.DoubleTapEvents.ToString() + " double taps");
                    total += samplesThisSecond;
                    samplesThisSecond = 0;
                    lostThisSecond = 0;
                    xSum = 0;
                    ySum = 0;
                    zSum = 0;
                }

                clock.SleepMicroseconds(TickMicroseconds);
            }

            return total;
        }
    }
}
