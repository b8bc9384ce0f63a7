using System;
using System.Device.Gpio;
using System.Device.Pwm;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using WearableFirmware.Alarms;
using WearableFirmware.Platform.Board;

namespace WearableFirmware.Platform.Peripherals
{
    /// <summary>What the status LED shows. Short flashes only: a lit LED would cost more than the sensors.</summary>
    public enum StatusLedMode
    {
        Off = 0,

        /// <summary>One 50 ms flash every 2 s: advertising, no phone.</summary>
        Advertising = 1,

        /// <summary>One 50 ms flash every 5 s: a phone is connected.</summary>
        Connected = 2,

        /// <summary>Two flashes a second: pairing mode open.</summary>
        Pairing = 3,

        /// <summary>Fast flashing: a sensor fault the wearer should know about.</summary>
        Fault = 4,
    }

    /// <summary>
    /// The wearer-facing outputs: vibration motor (GPIO through a transistor), piezo buzzer (PWM) and the status LED.
    /// Implements <see cref="IAlarmSignalOutput"/>: <see cref="Show"/> plays an alarm signal on buzzer and motor
    /// together (the bursts of <see cref="AlarmSignalPattern"/>: high, medium, low priority, or the fall alarm's
    /// two-tone beeping) and flashes the LED at the alarm priority's rate, over the status pattern, until told
    /// otherwise. A 50 ms timer thread plays the patterns, so callers never wait; the timer stops when there is
    /// nothing to play. Show/Chirp/SetLed may be called from any thread. No allocation after construction.
    /// </summary>
    public sealed class AlarmOutputs : IAlarmSignalOutput, IDisposable
    {
        public const int TickMilliseconds = 50;

        // Feedback chirp: 2 ticks of tone and vibration.
        private const int ChirpTicks = 2;

        private readonly GpioPin _motor;
        private readonly GpioPin _led;
        private readonly PwmChannel _buzzer;
        private readonly Timer _timer;
        private readonly object _sync = new object();

        private AlarmSignalPattern _sound;
        private int _soundTick;
        private AlarmSignalPattern _light;
        private int _lightTick;
        private int _chirpTicksLeft;
        private StatusLedMode _ledMode;
        private int _ledTick;
        private bool _running;
        private bool _sounding;
        private int _soundingHz;

        public AlarmOutputs(GpioController gpio, BoardConfiguration board)
        {
            if (gpio == null)
            {
                throw new ArgumentNullException("gpio");
            }

            if (board == null)
            {
                throw new ArgumentNullException("board");
            }

            _motor = gpio.OpenPin(board.VibrationPin, PinMode.Output);
            _motor.Write(PinValue.Low);
            _led = gpio.OpenPin(board.StatusLedPin, PinMode.Output);
            _led.Write(PinValue.Low);

            // The ESP32 routes any GPIO to an LEDC channel; the pin function must be set before the channel opens.
            Configuration.SetPinFunction(board.BuzzerPin, DeviceFunction.PWM1);
            _buzzer = PwmChannel.CreateFromPin(board.BuzzerPin, AlarmSignalPattern.PriorityToneHz, 0);
            _timer = new Timer(OnTick, null, Timeout.Infinite, Timeout.Infinite);
        }

        /// <summary>True while an alarm signal plays.</summary>
        public bool AlarmActive
        {
            get
            {
                lock (_sync)
                {
                    return _sound != null;
                }
            }
        }

        /// <summary>IAlarmSignalOutput: a changed signal starts its pattern from the beginning; Off silences at once.</summary>
        public void Show(AlarmSignal sound, AlarmPriority light)
        {
            lock (_sync)
            {
                AlarmSignalPattern pattern = AlarmSignalPattern.For(sound);
                if (pattern != _sound)
                {
                    _sound = pattern;
                    _soundTick = 0;
                    if (pattern == null)
                    {
                        Silence();
                    }
                }

                AlarmSignalPattern lightPattern = AlarmSignalPattern.For((AlarmSignal)(int)light);
                if (lightPattern != _light)
                {
                    _light = lightPattern;
                    _lightTick = 0;
                    if (lightPattern == null)
                    {
                        _led.Write(PinValue.Low);
                    }
                }

                EnsureRunning();
            }
        }

        /// <summary>A 100 ms tone and buzz: the device's answer to a button gesture or an accepted command.</summary>
        public void Chirp()
        {
            lock (_sync)
            {
                _chirpTicksLeft = ChirpTicks;
                EnsureRunning();
            }
        }

        public void SetLed(StatusLedMode mode)
        {
            lock (_sync)
            {
                _ledMode = mode;
                _ledTick = 0;
                if (mode == StatusLedMode.Off && _light == null)
                {
                    _led.Write(PinValue.Low);
                }

                EnsureRunning();
            }
        }

        /// <summary>Everything off and quiet (before deep sleep).</summary>
        public void AllOff()
        {
            lock (_sync)
            {
                _sound = null;
                _light = null;
                _chirpTicksLeft = 0;
                _ledMode = StatusLedMode.Off;
                Silence();
                _led.Write(PinValue.Low);
                _timer.Change(Timeout.Infinite, Timeout.Infinite);
                _running = false;
            }
        }

        public void Dispose()
        {
            AllOff();
            _timer.Dispose();
            _buzzer.Dispose();
            _motor.Dispose();
            _led.Dispose();
        }

        private void OnTick(object state)
        {
            lock (_sync)
            {
                bool busy = false;
                if (_sound != null)
                {
                    busy = true;
                    long elapsed = (long)_soundTick * TickMilliseconds;
                    if (_sound.IsSounding(elapsed))
                    {
                        Sound(_sound.ToneAt(elapsed));
                    }
                    else
                    {
                        Silence();
                    }

                    _soundTick++;
                }
                else if (_chirpTicksLeft > 0)
                {
                    busy = true;
                    Sound(AlarmSignalPattern.FallToneHighHz);
                    _chirpTicksLeft--;
                }
                else if (_sounding)
                {
                    Silence();
                }

                if (_light != null)
                {
                    // An alarm's light takes the LED over the status pattern.
                    busy = true;
                    _led.Write(_light.IsLit((long)_lightTick * TickMilliseconds) ? PinValue.High : PinValue.Low);
                    _lightTick++;
                }
                else if (_ledMode != StatusLedMode.Off)
                {
                    busy = true;
                    _led.Write(LedOn(_ledMode, _ledTick) ? PinValue.High : PinValue.Low);
                    _ledTick++;
                }

                if (!busy && !_sounding)
                {
                    _timer.Change(Timeout.Infinite, Timeout.Infinite);
                    _running = false;
                }
            }
        }
        // Caller holds _sync.
        private void EnsureRunning()
        {
            if (!_running)
            {
                _running = true;
                _timer.Change(0, TickMilliseconds);
            }
        }

        // Caller holds _sync.
        private void Sound(int hz)
        {
            if (_sounding && _soundingHz == hz)
            {
                return;
            }

            if (_soundingHz != hz)
            {
                _buzzer.Frequency = hz;
                _soundingHz = hz;
            }

            _buzzer.DutyCycle = 0.5;
            if (!_sounding)
            {
                _buzzer.Start();
                _motor.Write(PinValue.High);
                _sounding = true;
            }
        }

        // Caller holds _sync.
        private void Silence()
        {
            if (!_sounding)
            {
                return;
            }

            _buzzer.DutyCycle = 0;
            _buzzer.Stop();
            _motor.Write(PinValue.Low);
            _sounding = false;
        }

        private static bool LedOn(StatusLedMode mode, int tick)
        {
            switch (mode)
            {
                case StatusLedMode.Advertising:
                    return tick % 40 == 0;   // 50 ms every 2 s
                case StatusLedMode.Connected:
                    return tick % 100 == 0;  // 50 ms every 5 s
                case StatusLedMode.Pairing:
                    return tick % 10 == 0;   // 50 ms every 0.5 s
                case StatusLedMode.Fault:
                    return tick % 4 < 2;     // 100 ms on, 100 ms off
                default:
                    return false;
            }
        }
    }
}
