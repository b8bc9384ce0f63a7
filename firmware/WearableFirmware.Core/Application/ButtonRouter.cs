using WearableFirmware.Alarms;
using WearableFirmware.Drivers;
using WearableFirmware.Falls;

namespace WearableFirmware.Application
{
    /// <summary>
    /// Decides who a short press belongs to, in this order: the fall alarm while its cancel window is open (the press
    /// is the wearer's "I'm OK"); else the alarm system when it has something to silence (audio pause,
    /// acknowledgement); else the fall path, where it does nothing. Long presses always go to the fall path (manual
    /// emergency). Sits between the platform's button and <see cref="AccelerometerProcessingStage"/>.
    /// </summary>
    public sealed class ButtonRouter : IButtonInput
    {
        private readonly IButtonInput _button;
        private readonly IClock _clock;
        private FallAlertStateMachine _alerts;
        private AlarmSystem _alarms;

        public ButtonRouter(IButtonInput button, IClock clock)
        {
            _button = button;
            _clock = clock;
        }

        /// <summary>Short presses the alarm system took.</summary>
        public int PressesToAlarms { get; private set; }

        /// <summary>The fall state machine and the alarm system (set once, after both exist).</summary>
        public void Attach(FallAlertStateMachine alerts, AlarmSystem alarms)
        {
            _alerts = alerts;
            _alarms = alarms;
        }

        public ButtonPress TakePress()
        {
            ButtonPress press = _button.TakePress();
            if (press != ButtonPress.Short || _alarms == null || _alerts.State == LocalAlarmState.CancelWindow)
            {
                return press;
            }

            if (_alarms.OnSilencePress(_clock.NowMicroseconds))
            {
                PressesToAlarms++;
                return ButtonPress.None;
            }

            return press;
        }
    }
}
