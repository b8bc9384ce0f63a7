using WearableFirmware.Alarms;
using WearableFirmware.Application;
using WearableFirmware.Falls;
using WearableFirmware.Sampling;

namespace WearableFirmware.Bench
{
    /// <summary>The board's other ports, idle: a watchdog that counts feeds, a silent alarm, no presses, a full battery.</summary>
    public sealed class BenchBoard : IWatchdog, IAlarmOutput, IAlarmSignalOutput, IButtonInput, IBatterySensor, IFallAlertLink, IFallEventSink
    {
        public int Feeds { get; private set; }

        public int Alarms { get; private set; }

        public bool Charging
        {
            get { return false; }
        }

        public bool IsConnected
        {
            get { return true; }
        }

        public void Feed()
        {
            Feeds++;
        }

        public void Start()
        {
            Alarms++;
        }

        public void Stop()
        {
        }

        public void Show(AlarmSignal sound, AlarmPriority light)
        {
            if (sound != AlarmSignal.Off)
            {
                Alarms++;
            }
        }

        public ButtonPress TakePress()
        {
            return ButtonPress.None;
        }

        public int ReadMillivolts()
        {
            return 3950;
        }

        public bool Send(FallAlertEvent alert)
        {
            return true;
        }

        public void Record(FallAlertEvent alert)
        {
        }
    }
}
