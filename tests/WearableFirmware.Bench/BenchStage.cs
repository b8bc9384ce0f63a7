namespace WearableFirmware.Bench
{
    /// <summary>
    /// One part of the firmware driven over the bench data, one second of data at a time. <see cref="Prepare"/> does
    /// what the stage needs but is not part of it (e.g. the vitals a publication reads) and is not timed;
    /// <see cref="Run"/> is the stage. The host meters both and subtracts a run that only prepares, so a stage's
    /// instruction count excludes its construction and preparation.
    /// </summary>
    public abstract class BenchStage
    {
        protected BenchStage(BenchSignals signals)
        {
            Signals = signals;
        }

        public BenchSignals Signals { get; private set; }

        public virtual void Prepare(int second)
        {
        }

        public abstract void Run(int second);

        /// <summary>What the stage computed, in integers (float formatting differs between runtimes): the same on both.</summary>
        public abstract string Outcome { get; }

        protected static string Tenths(float value)
        {
            return ((int)(value * 10f + (value < 0 ? -0.5f : 0.5f))).ToString();
        }
    }
}
