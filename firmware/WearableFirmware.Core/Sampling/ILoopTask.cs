namespace WearableFirmware.Sampling
{
    /// <summary>One piece of work the sampling loop runs in a phase. Must not block and must not allocate.</summary>
    public interface ILoopTask
    {
        /// <param name="nowMicroseconds">Monotonic time at the start of the tick.</param>
        void Run(long nowMicroseconds);
    }
}
