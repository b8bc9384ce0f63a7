namespace WearableFirmware.Alarms
{
    /// <summary>
    /// A physiological alarm condition with two tiers: medium when valid readings stay beyond the medium limit for
    /// the alarm-condition delay, escalating to high when they stay beyond the high limit for the delay. Only valid
    /// readings are evidence: nothing starts from the start-up transient or off the wrist, and a missing reading
    /// neither starts nor ends an episode (it holds, and a gap longer than the tolerance restarts a pending delay).
    /// Within an episode the priority only rises; the episode ends at the first valid reading back inside the medium
    /// limit by the hysteresis. Time is monotonic microseconds.
    /// </summary>
    public sealed class LimitAlarm
    {
        private readonly bool _above;
        private readonly SustainedCondition _medium;
        private readonly SustainedCondition _high;
        private float _mediumLimit;
        private float _highLimit;
        private float _hysteresis;

        /// <param name="above">True: the alarm is for readings above the limits (pulse rate high); false: below them.</param>
        public LimitAlarm(bool above, float mediumLimit, float highLimit, int delaySeconds, float hysteresis)
        {
            _above = above;
            _medium = new SustainedCondition(0, 0);
            _high = new SustainedCondition(0, 0);
            Configure(mediumLimit, highLimit, delaySeconds, hysteresis);
        }

        /// <summary>Priority of the current episode; None when there is none.</summary>
        public AlarmPriority Priority { get; private set; }

        /// <summary>The limit the current priority was raised for.</summary>
        public float Limit
        {
            get { return Priority == AlarmPriority.High ? _highLimit : _mediumLimit; }
        }

        /// <summary>The last valid reading.</summary>
        public float Value { get; private set; }

        public float MediumLimit
        {
            get { return _mediumLimit; }
        }

        /// <summary>New limits and delay. Pending delays start over; a running episode continues under the new limits.</summary>
        public void Configure(float mediumLimit, float highLimit, int delaySeconds, float hysteresis)
        {
            _mediumLimit = mediumLimit;
            _highLimit = highLimit;
            _hysteresis = hysteresis;
            long delay = delaySeconds * 1000000L;
            long gap = AlarmSettings.ReadingGapToleranceSeconds * 1000000L;
            _medium.Configure(delay, gap);
            _high.Configure(delay, gap);
        }

        /// <summary>
        /// At boot: the episode that was running before a restart continues at <paramref name="priority"/> (so it neither
        /// starts over nor waits for the delay); it ends, or escalates, on valid readings as any episode does.
        /// </summary>
        public void Resume(AlarmPriority priority)
        {
            Priority = priority;
        }

        /// <summary>One published reading (valid or not) at <paramref name="now"/>.</summary>
        public void Update(long now, bool valid, float value)
        {
            if (!valid)
            {
                _medium.UpdateUnknown(now);
                _high.UpdateUnknown(now);
                return;
            }

            Value = value;
            _medium.Update(now, Beyond(value, _mediumLimit));
            _high.Update(now, Beyond(value, _highLimit));
            if (Priority != AlarmPriority.None && BackInside(value))
            {
                Priority = AlarmPriority.None;
                return;
            }

            if (_high.IsMet)
            {
                Priority = AlarmPriority.High;
            }
            else if (_medium.IsMet && Priority == AlarmPriority.None)
            {
                Priority = AlarmPriority.Medium;
            }
        }

        private bool Beyond(float value, float limit)
        {
            return _above ? value > limit : value < limit;
        }

        private bool BackInside(float value)
        {
            return _above ? value <= _mediumLimit - _hysteresis : value >= _mediumLimit + _hysteresis;
        }
    }
}
