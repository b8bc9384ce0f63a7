using WearableFirmware.Falls;

namespace WearableFirmware.Alarms
{
    /// <summary>
    /// Shares the buzzer, motor and LED between the fall alarm and the alarm system. Precedence, in order:
    /// <list type="number">
    /// <item>The fall alarm's cancel-window signal (and the phone's 3 s test alarm): while it sounds it has the buzzer
    /// and motor to itself, because the wearer must recognise it and answer within the window (at most 30 s). The
    /// alarm system keeps running meanwhile (the phone sees its alarms) and its signal returns when the fall
    /// signal stops.</item>
    /// <item>The alarm system's highest-priority alarm that is not silenced (<see cref="AlarmSystem.SoundingPriority"/>).</item>
    /// </list>
    /// The LED shows the fall signal's light during a cancel window, else the highest alarm priority, silenced or
    /// not. It implements the fall path's <see cref="IAlarmOutput"/> so the fall state machine is unchanged.
    /// </summary>
    public sealed class AlarmSignalArbiter : IAlarmOutput
    {
        private readonly IAlarmSignalOutput _output;
        private bool _fall;
        private AlarmPriority _sound;
        private AlarmPriority _light;
        private AlarmSignal _shownSound;
        private AlarmPriority _shownLight;

        public AlarmSignalArbiter(IAlarmSignalOutput output)
        {
            if (output == null)
            {
                throw new System.ArgumentNullException("output");
            }

            _output = output;
        }

        /// <summary>True while the fall signal holds the outputs over a sounding alarm of the alarm system.</summary>
        public bool FallSignalTakesPrecedence
        {
            get { return _fall && _sound != AlarmPriority.None; }
        }

        /// <summary>IAlarmOutput (fall path): the cancel window opened, or the phone's test alarm began.</summary>
        public void Start()
        {
            _fall = true;
            Apply();
        }

        /// <summary>IAlarmOutput (fall path): cancelled, confirmed or the test ended.</summary>
        public void Stop()
        {
            _fall = false;
            Apply();
        }

        /// <summary>The alarm system's wish: the priority to sound and the one to show.</summary>
        public void ShowAlarms(AlarmPriority sound, AlarmPriority light)
        {
            _sound = sound;
            _light = light;
            Apply();
        }

        private void Apply()
        {
            AlarmSignal sound = _fall ? AlarmSignal.Fall : (AlarmSignal)(int)_sound;
            AlarmPriority light = _fall ? AlarmPriority.High : _light;
            if (sound != _shownSound || light != _shownLight)
            {
                _shownSound = sound;
                _shownLight = light;
                _output.Show(sound, light);
            }
        }
    }
}
