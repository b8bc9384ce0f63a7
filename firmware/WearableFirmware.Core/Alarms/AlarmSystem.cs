namespace WearableFirmware.Alarms
{
    /// <summary>
    /// The alarm system's state, after IEC 60601-1-8: for every condition its current alarm (priority, since when),
    /// latching, and alarm-signal inactivation; which priority the local signal plays; and an event for every start,
    /// escalation, pause, acknowledgement and end.
    /// <list type="bullet">
    /// <item>Evaluators report each condition's priority (None when absent) through <see cref="Report"/>. A condition
    /// that appears starts an alarm; a higher priority escalates it (and cancels its pause); a lower one changes
    /// nothing until the condition ends. A high-priority physiological alarm latches when its condition ends: it keeps
    /// signalling until acknowledged.</item>
    /// <item>The short press (<see cref="OnSilencePress"/>): audio paused for the physiological alarms present (bounded,
    /// <see cref="PauseMicroseconds"/> from the press), acknowledged for the technical ones (silent until the
    /// condition ends), latched alarms whose condition ended are cleared. An alarm that starts or escalates afterwards
    /// sounds regardless.</item>
    /// <item><see cref="SoundingPriority"/>: the highest priority among alarms not silenced; <see cref="HighestPriority"/>
    /// among all (the visual signal and the phone show it).</item>
    /// </list>
    /// Single-threaded (the loop), time in monotonic microseconds, no allocation after construction.
    /// </summary>
    public sealed class AlarmSystem
    {
        private const int Slots = AlarmConditions.Count + 1;
        private const long NotSilenced = -1;
        private const long UntilConditionEnds = long.MaxValue;

        private readonly IAlarmEventSink _sink;
        private readonly AlarmEvent _event = new AlarmEvent();
        private readonly AlarmPriority[] _priority = new AlarmPriority[Slots];
        private readonly bool[] _latched = new bool[Slots];
        private readonly long[] _since = new long[Slots];
        private readonly long[] _silencedUntil = new long[Slots];

        // Cached per change, so the per-tick reads cost a comparison (the interpreter on the device counts every IL instruction).
        private int _cachedAt = -1;
        private AlarmPriority _highest;
        private AlarmPriority _sounding;
        private long _nextExpiry = long.MaxValue;

        public AlarmSystem(IAlarmEventSink sink)
            : this(sink, AlarmSettings.AudioPauseSeconds * 1000000L)
        {
        }

        public AlarmSystem(IAlarmEventSink sink, long pauseMicroseconds)
        {
            if (sink == null)
            {
                throw new System.ArgumentNullException("sink");
            }

            if (pauseMicroseconds <= 0)
            {
                throw new System.ArgumentOutOfRangeException("pauseMicroseconds");
            }

            _sink = sink;
            PauseMicroseconds = pauseMicroseconds;
            for (int i = 0; i < Slots; i++)
            {
                _silencedUntil[i] = NotSilenced;
            }
        }

        /// <summary>How long a short press pauses the audible signal of the physiological alarms.</summary>
        public long PauseMicroseconds { get; private set; }

        /// <summary>Counts every change a phone or the outputs should hear about (start, escalation, end, silence, expiry).</summary>
        public int ChangeCount { get; private set; }

        /// <summary>Priority of the condition's alarm (running or latched); None when there is none.</summary>
        public AlarmPriority PriorityOf(AlarmCondition condition)
        {
            return _priority[(int)condition];
        }

        /// <summary>True while the condition is present and its alarm runs.</summary>
        public bool IsActive(AlarmCondition condition)
        {
            int c = (int)condition;
            return _priority[c] != AlarmPriority.None && !_latched[c];
        }

        /// <summary>When the condition's alarm started (valid while it has one).</summary>
        public long StartedAt(AlarmCondition condition)
        {
            return _since[(int)condition];
        }

        /// <summary>Conditions whose alarm runs.</summary>
        public int ActiveMask
        {
            get { return Mask(0); }
        }

        /// <summary>Conditions whose alarm ended but latched: still signalling until acknowledged.</summary>
        public int LatchedMask
        {
            get { return Mask(1); }
        }

        /// <summary>Alarms whose audible signal is paused for a bounded time.</summary>
        public int PausedMask
        {
            get { return Mask(2); }
        }

        /// <summary>Technical alarms acknowledged: silent until their condition ends.</summary>
        public int AcknowledgedMask
        {
            get { return Mask(3); }
        }

        /// <summary>True when a running physiological alarm or a latched one exists.</summary>
        public bool PhysiologicalAlarmPresent
        {
            get
            {
                return _priority[(int)AlarmCondition.SpO2Low] != AlarmPriority.None
                    || _priority[(int)AlarmCondition.PulseRateHigh] != AlarmPriority.None
                    || _priority[(int)AlarmCondition.PulseRateLow] != AlarmPriority.None;
            }
        }

        /// <summary>Highest priority of any alarm, silenced or not (what the light and the phone show).</summary>
        public AlarmPriority HighestPriority
        {
            get
            {
                Refresh();
                return _highest;
            }
        }

        /// <summary>Highest priority among the alarms not silenced: the pattern the buzzer and motor play.</summary>
        public AlarmPriority SoundingPriority
        {
            get
            {
                Refresh();
                return _sounding;
            }
        }

        /// <summary>True while an audio pause runs (some physiological alarm is silenced for a bounded time).</summary>
        public bool AudioPaused
        {
            get
            {
                Refresh();
                return _nextExpiry != long.MaxValue;
            }
        }

        /// <summary>When the latest audio pause ends (monotonic µs), or −1 when nothing is paused.</summary>
        public long PauseEndsAt
        {
            get
            {
                long end = -1;
                for (int c = 1; c < Slots; c++)
                {
                    long until = _silencedUntil[c];
                    if (until != UntilConditionEnds && until > end)
                    {
                        end = until;
                    }
                }

                return end;
            }
        }

        /// <summary>
        /// The evaluator's verdict for one condition at <paramref name="now"/>: its priority (None = absent), the
        /// reading and limit behind it (NaN when none) and, for the start event, the alarm-condition delay it met.
        /// </summary>
        public void Report(long now, AlarmCondition condition, AlarmPriority priority, float value, float limit, int delaySeconds)
        {
            int c = (int)condition;
            AlarmPriority current = _priority[c];
            if (priority == AlarmPriority.None)
            {
                if (current != AlarmPriority.None && !_latched[c])
                {
                    End(now, condition, value, limit);
                }

                return;
            }

            if (current == AlarmPriority.None || _latched[c])
            {
                // A latched alarm whose condition returns before acknowledgement starts again at the latched priority.
                if (_latched[c] && current > priority)
                {
                    priority = current;
                }

                _latched[c] = false;
                _priority[c] = priority;
                _since[c] = now;
                _silencedUntil[c] = NotSilenced;
                ChangeCount++;
                Emit(AlarmEventKind.Started, condition, priority, value, limit, delaySeconds, AlarmConditions.Bit(condition), now);
            }
            else if (priority > current)
            {
                _priority[c] = priority;
                _silencedUntil[c] = NotSilenced; // an escalated condition is never silenced
                ChangeCount++;
                Emit(AlarmEventKind.Escalated, condition, priority, value, limit, delaySeconds, AlarmConditions.Bit(condition), now);
            }
        }

        /// <summary>
        /// At boot: brings back a physiological alarm that was running, or latched (its condition ended, not
        /// acknowledged), before a restart, at its priority and not silenced: a pause does not outlast a restart. Its
        /// start is the restart (the duration of its end event counts from here). Emits <see cref="AlarmEventKind.Restored"/>.
        /// </summary>
        public void Restore(long now, AlarmCondition condition, AlarmPriority priority, bool latched)
        {
            if (!AlarmConditions.IsPhysiological(condition) || priority == AlarmPriority.None || (latched && !AlarmConditions.Latches(condition, priority)))
            {
                throw new System.ArgumentException("only a running physiological alarm, or a latching one, is restored");
            }

            int c = (int)condition;
            _priority[c] = priority;
            _latched[c] = latched;
            _since[c] = now;
            _silencedUntil[c] = NotSilenced;
            ChangeCount++;
            _event.Latched = latched;
            Emit(AlarmEventKind.Restored, condition, priority, float.NaN, float.NaN, 0, AlarmConditions.Bit(condition), now);
        }

        /// <summary>
        /// The wearer's short press. Returns false when there was nothing to silence or clear (the press is then
        /// left to whoever else wants it).
        /// </summary>
        public bool OnSilencePress(long now)
        {
            int paused = 0;
            int acknowledged = 0;
            AlarmPriority highestPaused = AlarmPriority.None;
            for (int c = 1; c < Slots; c++)
            {
                AlarmPriority p = _priority[c];
                if (p == AlarmPriority.None)
                {
                    continue;
                }

                AlarmCondition condition = (AlarmCondition)c;
                if (_latched[c])
                {
                    Clear(c);
                    acknowledged |= AlarmConditions.Bit(condition);
                }
                else if (AlarmConditions.IsPhysiological(condition))
                {
                    _silencedUntil[c] = now + PauseMicroseconds;
                    paused |= AlarmConditions.Bit(condition);
                    if (p > highestPaused)
                    {
                        highestPaused = p;
                    }
                }
                else if (_silencedUntil[c] != UntilConditionEnds)
                {
                    _silencedUntil[c] = UntilConditionEnds;
                    acknowledged |= AlarmConditions.Bit(condition);
                }
            }

            if (paused == 0 && acknowledged == 0)
            {
                return false;
            }

            ChangeCount++;
            if (paused != 0)
            {
                Emit(AlarmEventKind.Paused, 0, highestPaused, float.NaN, float.NaN, (int)(PauseMicroseconds / 1000000), paused, now);
            }

            if (acknowledged != 0)
            {
                Emit(AlarmEventKind.Acknowledged, 0, AlarmPriority.None, float.NaN, float.NaN, 0, acknowledged, now);
            }

            return true;
        }

        /// <summary>Call every tick: ends audio pauses that ran out.</summary>
        public void Update(long now)
        {
            Refresh();
            if (now < _nextExpiry)
            {
                return;
            }

            for (int c = 1; c < Slots; c++)
            {
                long until = _silencedUntil[c];
                if (until != NotSilenced && until != UntilConditionEnds && now >= until)
                {
                    _silencedUntil[c] = NotSilenced;
                    ChangeCount++;
                }
            }
        }

        /// <summary>Recomputes the cached priorities and the next pause expiry after a change.</summary>
        private void Refresh()
        {
            if (_cachedAt == ChangeCount)
            {
                return;
            }

            _cachedAt = ChangeCount;
            _highest = AlarmPriority.None;
            _sounding = AlarmPriority.None;
            _nextExpiry = long.MaxValue;
            for (int c = 1; c < Slots; c++)
            {
                AlarmPriority p = _priority[c];
                long until = _silencedUntil[c];
                if (p > _highest)
                {
                    _highest = p;
                }

                if (p > _sounding && until == NotSilenced)
                {
                    _sounding = p;
                }

                if (until != NotSilenced && until != UntilConditionEnds && until < _nextExpiry)
                {
                    _nextExpiry = until;
                }
            }
        }

        private void End(long now, AlarmCondition condition, float value, float limit)
        {
            int c = (int)condition;
            AlarmPriority p = _priority[c];
            int lasted = (int)((now - _since[c]) / 1000000);
            bool latches = AlarmConditions.Latches(condition, p);
            if (latches)
            {
                _latched[c] = true;
                if (_silencedUntil[c] == UntilConditionEnds)
                {
                    _silencedUntil[c] = NotSilenced;
                }
            }
            else
            {
                Clear(c);
            }

            ChangeCount++;
            _event.Latched = latches;
            Emit(AlarmEventKind.Ended, condition, p, value, limit, lasted, AlarmConditions.Bit(condition), now);
        }

        private void Clear(int c)
        {
            _priority[c] = AlarmPriority.None;
            _latched[c] = false;
            _silencedUntil[c] = NotSilenced;
        }

        // 0 active, 1 latched, 2 paused, 3 acknowledged
        private int Mask(int which)
        {
            int mask = 0;
            for (int c = 1; c < Slots; c++)
            {
                if (_priority[c] == AlarmPriority.None)
                {
                    continue;
                }

                long until = _silencedUntil[c];
                bool member = which == 0 ? !_latched[c]
                    : which == 1 ? _latched[c]
                    : which == 2 ? until != NotSilenced && until != UntilConditionEnds
                    : until == UntilConditionEnds;
                if (member)
                {
                    mask |= AlarmConditions.Bit((AlarmCondition)c);
                }
            }

            return mask;
        }

        private void Emit(AlarmEventKind kind, AlarmCondition condition, AlarmPriority priority, float value, float limit, int durationSeconds,
            int conditions, long now)
        {
            _event.Kind = kind;
            _event.Condition = condition;
            _event.Priority = priority;
            _event.Value = value;
            _event.Limit = limit;
            _event.DurationSeconds = durationSeconds;
            _event.Conditions = conditions;
            _event.AtMicroseconds = now;
            _sink.OnAlarmEvent(_event);
            _event.Latched = false;
        }
    }
}
