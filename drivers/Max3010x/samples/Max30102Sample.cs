namespace WearableFirmware.Drivers.Max3010x.Samples
{
    /// <summary>
    /// The MAX30102 driver in a sampling loop: start the chip, drain its FIFO every 100 ms tick, print once a second.
    /// The bus and clock come in as parameters, so the same code runs on the device (<c>Program.cs</c>) and on the
    /// host against the simulated chip (a test runs it there, so this sample keeps compiling and working).
    /// </summary>
    public static class Max30102Sample
    {
        /// <summary>Receives each printed line (Debug.WriteLine on the device).</summary>
        public delegate void PrintLine(string line);

        private const int TickMicroseconds = 100000;
        private const int TicksPerSecond = 10;

        /// <summary>Runs for <paramref name="seconds"/> and returns the samples read, or -1 when the chip did not start.</summary>
        public static int Run(IRegisterBus bus, IClock clock, int seconds, PrintLine print)
        {
            Max30102 sensor = new Max30102(bus, clock, new Max3010xSettings());
            if (!sensor.Start())
            {
                print("MAX30102 did not start: " + sensor.DescribeLastError());
                return -1;
            }

            int total = 0;
            int samplesThisSecond = 0;
            int lostThisSecond = 0;
            long redSum = 0;
            long irSum = 0;
            for (int tick = 1; tick <= seconds * TicksPerSecond; tick++)
            {
                // The drain and the loop over its samples allocate nothing: the driver owns the arrays.
                int count = sensor.Drain();
                int[] red = sensor.Red;
                int[] ir = sensor.Ir;
                for (int i = 0; i < count; i++)
                {
                    redSum += red[i];
                    irSum += ir[i];
                }

                samplesThisSecond += count;
                if ((sensor.LastDrainFlags & DrainFlags.SamplesLost) != 0)
                {
                    lostThisSecond += sensor.SamplesLostThisDrain;
                }

                if (tick % TicksPerSecond == 0)
                {
                    // Composing the line allocates: once a second, outside the per-sample path.
                    int divisor = samplesThisSecond > 0 ? samplesThisSecond : 1;
                    print(samplesThisSecond.ToString() + " samples, mean red " + (redSum / divisor).ToString() + ", mean IR "
                        + (irSum / divisor).ToString() + " counts, " + lostThisSecond.ToString() + " lost");
                    total += samplesThisSecond;
                    samplesThisSecond = 0;
                    lostThisSecond = 0;
                    redSum = 0;
                    irSum = 0;
                }

                clock.SleepMicroseconds(TickMicroseconds);
            }

            return total;
        }
    }
}
