using WearableFirmware.Storage;

namespace WearableFirmware.Alarms
{
    /// <summary>
    /// Keeps the physiological alarms' state across restarts (watchdog, brown-out, deep-sleep wake): for each
    /// condition its priority and whether it runs or latched, on a <see cref="SettingsStore"/> (two flash segments
    /// used in turn, a power cut at any byte keeps the previous copy). Written only when that state changes (an
    /// alarm starts, escalates, ends or latches, a latched one is acknowledged), never for a pause or per second.
    /// Pauses are not kept: the device has no clock across a restart, so a pause ends with it. Technical conditions
    /// are not kept: they are the device's own state, judged afresh at boot.
    /// Payload: a format byte, then one byte per condition 1..<see cref="AlarmConditions.Count"/> (bits 0-1 the
    /// priority, bit 2 latched; 0 for none and for every technical condition). Allocates nothing after construction.
    /// </summary>
    public sealed class AlarmStateStore
    {
        /// <summary>Payload length.</summary>
        public const int EncodedLength = 1 + AlarmConditions.Count;

        /// <summary>Where this store starts on the settings flash (the alarm limits use segments 0 and 1).</summary>
        public const int FirstSegment = 2;

        private const byte Format = 1;
        private const int PriorityMask = 0x03;
        private const int LatchedBit = 0x04;

        private readonly SettingsStore _store;
        private readonly byte[] _state = new byte[EncodedLength];
        private readonly byte[] _saved = new byte[EncodedLength];
        private bool _restoring;

        public AlarmStateStore(SettingsStore store)
        {
            if (store == null)
            {
                throw new System.ArgumentNullException("store");
            }

            _store = store;
            _saved[0] = Format;
        }

        /// <summary>Copies written to flash since boot.</summary>
        public int Saves { get; private set; }

        /// <summary>Saves that failed (the previous copy stays; the next change tries again).</summary>
        public int SaveFailures
        {
            get { return _store.SaveFailures; }
        }

        /// <summary>
        /// At boot, before the first evaluation: every physiological alarm the flash holds comes back in
        /// <paramref name="system"/> at its priority, unpaused (a Restored event each); a running one also continues in
        /// <paramref name="evaluator"/>'s episode, so only a valid reading back inside its limit ends it. Returns how
        /// many came back.
        /// </summary>
        public int Restore(long now, AlarmSystem system, AlarmEvaluator evaluator)
        {
            if (_store.Load(_state, 0) != EncodedLength || _state[0] != Format)
            {
                return 0;
            }

            System.Array.Copy(_state, _saved, EncodedLength);
            int restored = 0;
            _restoring = true; // the Restored events bring back what is on flash already: nothing to save halfway
            for (int c = 1; c <= AlarmConditions.Count; c++)
            {
                AlarmCondition condition = (AlarmCondition)c;
                AlarmPriority priority = (AlarmPriority)(_state[c] & PriorityMask);
                bool latched = (_state[c] & LatchedBit) != 0;
                if (priority == AlarmPriority.None || !AlarmConditions.IsPhysiological(condition)
                    || (latched && !AlarmConditions.Latches(condition, priority)))
                {
                    continue;
                }

                system.Restore(now, condition, priority, latched);
                if (!latched)
                {
                    evaluator.Resume(condition, priority);
                }

                restored++;
            }

            _restoring = false;
            return restored;
        }

        /// <summary>After an alarm event: saves the state when it differs from the copy on flash.</summary>
        public void Keep(AlarmSystem system)
        {
            if (_restoring)
            {
                return;
            }

            _state[0] = Format;
            int latchedMask = system.LatchedMask;
            for (int c = 1; c <= AlarmConditions.Count; c++)
            {
                AlarmCondition condition = (AlarmCondition)c;
                int value = 0;
                if (AlarmConditions.IsPhysiological(condition))
                {
                    value = (int)system.PriorityOf(condition);
                    if (value != 0 && (latchedMask & AlarmConditions.Bit(condition)) != 0)
                    {
                        value |= LatchedBit;
                    }
                }

                _state[c] = (byte)value;
            }

            for (int i = 0; i < EncodedLength; i++)
            {
                if (_state[i] != _saved[i])
                {
                    if (_store.Save(_state, 0, EncodedLength))
                    {
                        System.Array.Copy(_state, _saved, EncodedLength);
                        Saves++;
                    }

                    return;
                }
            }
        }
    }
}
