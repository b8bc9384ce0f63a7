namespace WearableFirmware.Ble
{
    /// <summary>
    /// Advertising interval policy (Core Vol 3 Part C Appendix A timers): fast, 30 ms (TGAP(adv_fast_interval1)
    /// 30-60 ms), for 30 s after boot or a disconnect so a phone reconnects within a second; then slow, 1022.5 ms
    /// (TGAP(adv_slow_interval) 1-1.2 s, and one of Apple's recommended values) to save power while nobody is
    /// looking. Intervals are in the controller's 0.625 ms units.
    /// </summary>
    public sealed class AdvertisingSchedule
    {
        public const int FastIntervalUnits = 48;      // 30 ms
        public const int SlowIntervalUnits = 1636;    // 1022.5 ms
        public const long FastPeriodMicroseconds = 30000000;

        private long _fastUntilMicroseconds;

        /// <summary>Call at boot and on every disconnect: advertising restarts fast.</summary>
        public void Restart(long nowMicroseconds)
        {
            _fastUntilMicroseconds = nowMicroseconds + FastPeriodMicroseconds;
        }

        public bool IsFast(long nowMicroseconds)
        {
            return nowMicroseconds < _fastUntilMicroseconds;
        }

        /// <summary>Interval to use now, in 0.625 ms units.</summary>
        public int IntervalUnits(long nowMicroseconds)
        {
            return IsFast(nowMicroseconds) ? FastIntervalUnits : SlowIntervalUnits;
        }
    }
}
