namespace WearableFirmware.Alarms
{
    /// <summary>
    /// One local alarm signal as a repeating burst: tone pulses (buzzer and vibration motor together) and a light
    /// flash rate for the status LED. The priority bursts follow the pulse counts and timing of IEC 60601-1-8's
    /// auditory alarm signals (high: 10 pulses in groups 3+2, pause, 3+2; medium: 3 pulses; low: 2 pulses) and the
    /// flash rates of its visual signals (high 2 Hz, medium 0.5 Hz); the fall signal is deliberately different
    /// (continuous two-tone beeping) because it asks the wearer to answer within the cancel window. Durations are
    /// multiples of 50 ms, the device's output timer. Lookups allocate nothing.
    /// </summary>
    public sealed class AlarmSignalPattern
    {
        /// <summary>Tone of the priority signals: the DevKit piezo's loud region (see the alarm README on the spectrum).</summary>
        public const int PriorityToneHz = 2700;

        public const int FallToneLowHz = 2700;
        public const int FallToneHighHz = 3300;

        /// <summary>
        /// High: pulses of 150 ms, 100 ms apart within a group, 350 ms (2 × 100 + 150) between the groups of 3 and 2,
        /// 700 ms between the halves, then 3 s before the next burst.
        /// </summary>
        public static readonly AlarmSignalPattern High = new AlarmSignalPattern(PriorityToneHz, 0,
            new int[] { 150, 100, 150, 100, 150, 350, 150, 100, 150, 700, 150, 100, 150, 100, 150, 350, 150, 100, 150, 3000 }, 500, 250);

        /// <summary>Medium: three 200 ms pulses 200 ms apart, every 7 s.</summary>
        public static readonly AlarmSignalPattern Medium = new AlarmSignalPattern(PriorityToneHz, 0,
            new int[] { 200, 200, 200, 200, 200, 6000 }, 2000, 500);

        /// <summary>
        /// Low: two 200 ms pulses 200 ms apart, every 20.6 s. Light: one 50 ms flash every 4 s, not the standard's
        /// steady light (a lit LED for a days-long low alarm would draw more than the sensors).
        /// </summary>
        public static readonly AlarmSignalPattern Low = new AlarmSignalPattern(PriorityToneHz, 0,
            new int[] { 200, 200, 200, 20000 }, 4000, 50);

        /// <summary>Fall: 300 ms on, 200 ms off, alternating 2.7 and 3.3 kHz each cycle; light as high.</summary>
        public static readonly AlarmSignalPattern Fall = new AlarmSignalPattern(FallToneLowHz, FallToneHighHz,
            new int[] { 300, 200 }, 500, 250);

        private readonly int[] _segments;

        private AlarmSignalPattern(int toneHz, int alternateToneHz, int[] segments, int lightPeriodMilliseconds, int lightOnMilliseconds)
        {
            ToneHz = toneHz;
            AlternateToneHz = alternateToneHz;
            _segments = segments;
            int cycle = 0;
            for (int i = 0; i < segments.Length; i++)
            {
                cycle += segments[i];
            }

            CycleMilliseconds = cycle;
            LightPeriodMilliseconds = lightPeriodMilliseconds;
            LightOnMilliseconds = lightOnMilliseconds;
        }

        /// <summary>Tone frequency (even cycles when <see cref="AlternateToneHz"/> is set).</summary>
        public int ToneHz { get; private set; }

        /// <summary>Tone of odd cycles, 0 when the tone does not alternate.</summary>
        public int AlternateToneHz { get; private set; }

        /// <summary>Length of one burst including the pause after it.</summary>
        public int CycleMilliseconds { get; private set; }

        public int LightPeriodMilliseconds { get; private set; }

        public int LightOnMilliseconds { get; private set; }

        /// <summary>Tone pulses per burst.</summary>
        public int PulseCount
        {
            get { return _segments.Length / 2; }
        }

        /// <summary>Segment <paramref name="index"/> in ms: even indices are pulses, odd ones the silence after them.</summary>
        public int Segment(int index)
        {
            return _segments[index];
        }

        /// <summary>The pattern of a signal; null for <see cref="AlarmSignal.Off"/>.</summary>
        public static AlarmSignalPattern For(AlarmSignal signal)
        {
            switch (signal)
            {
                case AlarmSignal.High:
                    return High;
                case AlarmSignal.Medium:
                    return Medium;
                case AlarmSignal.Low:
                    return Low;
                case AlarmSignal.Fall:
                    return Fall;
                default:
                    return null;
            }
        }

        /// <summary>True when buzzer and motor are on <paramref name="elapsedMilliseconds"/> after the signal began.</summary>
        public bool IsSounding(long elapsedMilliseconds)
        {
            if (elapsedMilliseconds < 0)
            {
                return false;
            }

            long t = elapsedMilliseconds % CycleMilliseconds;
            for (int i = 0; i < _segments.Length; i++)
            {
                if (t < _segments[i])
                {
                    return (i & 1) == 0;
                }

                t -= _segments[i];
            }

            return false;
        }

        /// <summary>Tone frequency at that moment.</summary>
        public int ToneAt(long elapsedMilliseconds)
        {
            if (AlternateToneHz == 0 || elapsedMilliseconds < 0)
            {
                return ToneHz;
            }

            return (elapsedMilliseconds / CycleMilliseconds) % 2 == 0 ? ToneHz : AlternateToneHz;
        }

        /// <summary>True when the status LED is lit at that moment.</summary>
        public bool IsLit(long elapsedMilliseconds)
        {
            return elapsedMilliseconds >= 0 && elapsedMilliseconds % LightPeriodMilliseconds < LightOnMilliseconds;
        }
    }
}
