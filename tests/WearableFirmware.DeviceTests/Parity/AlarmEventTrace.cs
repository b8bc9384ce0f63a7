using WearableFirmware.Alarms;

namespace WearableFirmware.DeviceTests
{
    /// <summary>Keeps the fields of every alarm event the parity test compares (the event object itself is reused).</summary>
    internal sealed class AlarmEventTrace : IAlarmEventSink
    {
        public readonly int[] Second;
        public readonly int[] Kind;
        public readonly int[] Condition;
        public readonly int[] Priority;
        public readonly int[] Duration;
        public readonly int[] Conditions;
        public readonly bool[] Latched;

        public AlarmEventTrace(int capacity)
        {
            Second = new int[capacity];
            Kind = new int[capacity];
            Condition = new int[capacity];
            Priority = new int[capacity];
            Duration = new int[capacity];
            Conditions = new int[capacity];
            Latched = new bool[capacity];
        }

        /// <summary>Events seen, including any beyond the capacity (those are not kept).</summary>
        public int Count { get; private set; }

        public void OnAlarmEvent(AlarmEvent alarmEvent)
        {
            int i = Count;
            Count++;
            if (i >= Second.Length)
            {
                return;
            }

            Second[i] = (int)(alarmEvent.AtMicroseconds / 1000000);
            Kind[i] = (int)alarmEvent.Kind;
            Condition[i] = (int)alarmEvent.Condition;
            Priority[i] = (int)alarmEvent.Priority;
            Duration[i] = alarmEvent.DurationSeconds;
            Conditions[i] = alarmEvent.Conditions;
            Latched[i] = alarmEvent.Latched;
        }
    }
}
