namespace WearableFirmware.Drivers.Adxl345
{
    /// <summary>
    /// How many drains saw each counted interrupt source in INT_SOURCE since construction. DATA_READY, set on nearly
    /// every drain, is not counted.
    /// </summary>
    internal sealed class InterruptSourceCounts
    {
        /// <summary>The sources counted; the driver calls <see cref="Add"/> only when one of them is set.</summary>
        public const InterruptSource Counted = InterruptSource.FreeFall | InterruptSource.Activity | InterruptSource.Inactivity
            | InterruptSource.SingleTap | InterruptSource.DoubleTap | InterruptSource.Overrun | InterruptSource.Watermark;

        public int FreeFall { get; private set; }

        public int Activity { get; private set; }

        public int Inactivity { get; private set; }

        public int SingleTap { get; private set; }

        public int DoubleTap { get; private set; }

        public int Overrun { get; private set; }

        public int Watermark { get; private set; }

        /// <summary>Counts each counted source set in <paramref name="source"/> once.</summary>
        public void Add(InterruptSource source)
        {
            if ((source & InterruptSource.FreeFall) != 0)
            {
                FreeFall++;
            }

            if ((source & InterruptSource.Activity) != 0)
            {
                Activity++;
            }

            if ((source & InterruptSource.Inactivity) != 0)
            {
                Inactivity++;
            }

            if ((source & InterruptSource.SingleTap) != 0)
            {
                SingleTap++;
            }

            if ((source & InterruptSource.DoubleTap) != 0)
            {
                DoubleTap++;
            }

            if ((source & InterruptSource.Overrun) != 0)
            {
                Overrun++;
            }

            if ((source & InterruptSource.Watermark) != 0)
            {
                Watermark++;
            }
        }
    }
}
