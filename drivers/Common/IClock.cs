namespace WearableFirmware.Drivers
{
    /// <summary>
    /// Monotonic time in microseconds plus a way to wait. The device uses the hardware timer; the host uses a
    /// virtual clock whose sleeps advance simulated time (and the chip models with it).
    /// </summary>
    public interface IClock
    {
        /// <summary>Microseconds since an arbitrary start; never goes backwards.</summary>
        long NowMicroseconds { get; }

        /// <summary>Blocks the caller for at least <paramref name="microseconds"/> (no-op when zero or negative).</summary>
        void SleepMicroseconds(long microseconds);
    }
}
